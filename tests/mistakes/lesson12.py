"""Answers to lesson 12's exercises: common mistakes and unusual right answers."""

from tests.mistakes import Answer


def _standardize(mean: str, std: str, val_mean: str = "mean", val_std: str = "std") -> str:
    return (
        "def standardize(X_train, X_val):\n"
        f"    mean = {mean}\n"
        f"    std = {std}\n"
        f"    return (X_train - mean) / std, (X_val - {val_mean}) / {val_std}"
    )


def _adam(*body: str, returns: str = "w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v") -> str:
    lines = "".join(f"    {line}\n" for line in body)
    return (
        "def adam_update(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
        f"{lines}    return {returns}"
    )


_ADAM_RIGHT = (
    "m = beta1 * m + (1 - beta1) * dw",
    "v = beta2 * v + (1 - beta2) * dw**2",
    "m_hat = m / (1 - beta1**t)",
    "v_hat = v / (1 - beta2**t)",
)


def _adam_with(index: int, line: str, **kwargs) -> str:
    body = list(_ADAM_RIGHT)
    body[index] = line
    return _adam(*body, **kwargs)


def _forward(stats: str, normalize: str = "(X - mean) / np.sqrt(var + eps)",
             out: str = "gamma * X_hat + beta") -> str:  # fmt: skip
    return (
        "def batchnorm_forward(X, gamma, beta, running, training=True, eps=1e-5):\n"
        f"{stats}"
        f"    X_hat = {normalize}\n"
        f"    return {out}, (X_hat, gamma, np.sqrt(var + eps))"
    )


_STATS = (
    "    if training:\n"
    "        mean, var = X.mean(axis=0), X.var(axis=0)\n"
    "    else:\n"
    "        mean, var = running['mean'], running['var']\n"
)


def _backward(*body: str) -> str:
    lines = "".join(f"    {line}\n" for line in body)
    return f"def batchnorm_backward(dout, cache):\n    X_hat, gamma, std = cache\n{lines}"


ANSWERS = [
    # ------------------------------------------------------------ 12.1 standardize
    Answer(
        "12.1",
        "statistics per row",
        "def standardize(X_train, X_val):\n"
        "    def scale(X):\n"
        "        return (X - X.mean(axis=1, keepdims=True)) / X.std(axis=1, keepdims=True)\n"
        "    return scale(X_train), scale(X_val)",
        "12.1/rows",
    ),
    Answer(
        "12.1",
        "no axis",
        _standardize("np.mean(X_train)", "np.std(X_train)"),
        "12.1/whole-array",
    ),
    Answer(
        "12.1",
        "validation with its own statistics",
        _standardize(
            "X_train.mean(axis=0)", "X_train.std(axis=0)", "X_val.mean(axis=0)", "X_val.std(axis=0)"
        ),
        "12.1/own-statistics",
    ),
    Answer(
        "12.1",
        "both sets pooled",
        _standardize(
            "np.concatenate([X_train, X_val]).mean(axis=0)",
            "np.concatenate([X_train, X_val]).std(axis=0)",
        ),
        "12.1/pooled",
    ),
    Answer(
        "12.1",
        "divides by the variance",
        _standardize("X_train.mean(axis=0)", "X_train.var(axis=0)"),
        "12.1/variance",
    ),
    Answer(
        "12.1",
        "not centred",
        "def standardize(X_train, X_val):\n"
        "    std = X_train.std(axis=0)\n"
        "    return X_train / std, X_val / std",
        "12.1/not-centred",
    ),
    Answer(
        "12.1",
        "only centred",
        "def standardize(X_train, X_val):\n"
        "    mean = X_train.mean(axis=0)\n"
        "    return X_train - mean, X_val - mean",
        "12.1/not-scaled",
    ),
    Answer(
        "12.1",
        "sample standard deviation",
        _standardize("X_train.mean(axis=0)", "X_train.std(axis=0, ddof=1)"),
        "12.1/ddof",
    ),
    Answer(
        "12.1",
        "in place",
        "def standardize(X_train, X_val):\n"
        "    mean, std = X_train.mean(axis=0), X_train.std(axis=0)\n"
        "    X_train -= mean\n"
        "    X_train /= std\n"
        "    return X_train, (X_val - mean) / std",
        "course/mutated",
    ),
    Answer(
        "12.1",
        "sums written out, a generator of both sets",
        "def standardize(X_train, X_val):\n"
        "    n = len(X_train)\n"
        "    mu = X_train.sum(axis=0) / n\n"
        "    sigma = np.sqrt(((X_train - mu) ** 2).sum(axis=0) / n)\n"
        "    return tuple((X - mu) / sigma for X in (X_train, X_val))",
    ),
    Answer(
        "12.1",
        "column by column, a list",
        "def standardize(X_train, X_val):\n"
        "    Z_train, Z_val = np.empty_like(X_train), np.empty_like(X_val)\n"
        "    for j in range(X_train.shape[1]):\n"
        "        column = X_train[:, j]\n"
        "        mean, std = np.mean(column), np.sqrt(np.var(column))\n"
        "        Z_train[:, j] = (column - mean) / std\n"
        "        Z_val[:, j] = (X_val[:, j] - mean) / std\n"
        "    return [Z_train, Z_val]",
    ),
    # ------------------------------------------------------------ 12.2 adam_update
    Answer(
        "12.2",
        "m averaged with beta2, v with beta1",
        _adam(
            "m = beta2 * m + (1 - beta2) * dw",
            "v = beta1 * v + (1 - beta1) * dw**2",
            *_ADAM_RIGHT[2:],
        ),
        "12.2/betas-mixed",
    ),
    Answer(
        "12.2",
        "beta on the gradient, 1 - beta on the old average",
        _adam(
            "m = (1 - beta1) * m + beta1 * dw",
            "v = (1 - beta2) * v + beta2 * dw**2",
            *_ADAM_RIGHT[2:],
        ),
        "12.2/average-weights-swapped",
    ),
    Answer(
        "12.2",
        "v corrected with beta1",
        _adam_with(3, "v_hat = v / (1 - beta1**t)"),
        "12.2/v-corrected-with-beta1",
    ),
    Answer(
        "12.2",
        "v left uncorrected",
        _adam_with(3, "v_hat = v"),
        "12.2/v-uncorrected",
    ),
    Answer(
        "12.2",
        "the default betas and eps written into the formulas",
        _adam(
            "m = 0.9 * m + 0.1 * dw",
            "v = 0.999 * v + 0.001 * dw**2",
            "m_hat = m / (1 - 0.9**t)",
            "v_hat = v / (1 - 0.999**t)",
            returns="w - lr * m_hat / (np.sqrt(v_hat) + 1e-8), m, v",
        ),
        "12.2/fixed-hyperparameters",
    ),
    Answer(
        "12.2",
        "no bias correction",
        _adam(*_ADAM_RIGHT[:2], "m_hat, v_hat = m, v"),
        "12.2/no-correction",
    ),
    Answer(
        "12.2",
        "plus instead of minus",
        _adam(*_ADAM_RIGHT, returns="w + lr * m_hat / (np.sqrt(v_hat) + eps), m, v"),
        "12.2/uphill",
    ),
    Answer(
        "12.2",
        "returns the corrected averages",
        _adam(*_ADAM_RIGHT, returns="w - lr * m_hat / (np.sqrt(v_hat) + eps), m_hat, v_hat"),
        "12.2/stored-hat",
    ),
    Answer(
        "12.2",
        "no square root",
        _adam(*_ADAM_RIGHT, returns="w - lr * m_hat / (v_hat + eps), m, v"),
        "12.2/no-root",
    ),
    Answer(
        "12.2",
        "v of the gradient itself",
        _adam_with(1, "v = beta2 * v + (1 - beta2) * dw"),
        "12.2/not-squared",
    ),
    Answer(
        "12.2",
        "betas swapped",
        _adam(
            "m = beta2 * m + (1 - beta2) * dw",
            "v = beta1 * v + (1 - beta1) * dw**2",
            "m_hat = m / (1 - beta2**t)",
            "v_hat = v / (1 - beta1**t)",
        ),
        "12.2/betas-swapped",
    ),
    Answer(
        "12.2",
        "steps along the gradient",
        _adam(*_ADAM_RIGHT, returns="w - lr * dw / (np.sqrt(v_hat) + eps), m, v"),
        "12.2/along-gradient",
    ),
    Answer(
        "12.2",
        "counts the step again",
        _adam("t = t + 1", *_ADAM_RIGHT),
        "12.2/t-plus-one",
    ),
    Answer(
        "12.2",
        "updates m and v in place",
        _adam(
            "m *= beta1",
            "m += (1 - beta1) * dw",
            "v *= beta2",
            "v += (1 - beta2) * dw**2",
            *_ADAM_RIGHT[2:],
        ),
        "course/mutated",
    ),
    Answer(
        "12.2",
        "corrects as if every step were the first",
        _adam(*_ADAM_RIGHT[:2], "m_hat = m / (1 - beta1)", "v_hat = v / (1 - beta2)"),
        "12.2/no-power",
    ),
    Answer(
        "12.2",
        "beta times t in the corrections",
        _adam(*_ADAM_RIGHT[:2], "m_hat = m / (1 - beta1 * t)", "v_hat = v / (1 - beta2 * t)"),
        "12.2/times-t",
    ),
    Answer(
        "12.2",
        "(1 - beta) to the power t",
        _adam(*_ADAM_RIGHT[:2], "m_hat = m / (1 - beta1) ** t", "v_hat = v / (1 - beta2) ** t"),
        "12.2/power-of-one-minus",
    ),
    Answer(
        "12.2",
        "t - 1 in the corrections",
        _adam(
            *_ADAM_RIGHT[:2],
            "m_hat = m / (1 - beta1 ** (t - 1))",
            "v_hat = v / (1 - beta2 ** (t - 1))",
        ),
        "12.2/t-minus-one",
    ),
    Answer(
        "12.2",
        "the paper's faster form, eps on the raw v",
        _adam(
            *_ADAM_RIGHT[:2],
            "step = lr * np.sqrt(1 - beta2**t) / (1 - beta1**t)",
            returns="w - step * m / (np.sqrt(v) + eps), m, v",
        ),
    ),
    Answer(
        "12.2",
        "np.power and np.divide",
        _adam(
            "m_new = np.add(np.multiply(beta1, m), np.multiply(1 - beta1, dw))",
            "v_new = beta2 * v + (1 - beta2) * np.square(dw)",
            "m_hat = np.divide(m_new, 1 - np.power(beta1, t))",
            "v_hat = np.divide(v_new, 1 - np.power(beta2, t))",
            returns="w - lr * m_hat / (np.sqrt(v_hat) + eps), m_new, v_new",
        ),
    ),
    Answer(
        "12.2",
        "copies first, then updates in place",
        _adam(
            "m, v = m.copy(), v.copy()",
            "m *= beta1",
            "m += (1 - beta1) * dw",
            "v *= beta2",
            "v += (1 - beta2) * dw * dw",
            "m_hat = m / (1 - beta1**t)",
            "v_hat = v / (1 - beta2**t)",
        ),
    ),
    # ------------------------------------------------------------ 12.3 batchnorm_forward
    Answer(
        "12.3",
        "the batch's variance at inference",
        _forward(
            "    var = X.var(axis=0)\n    mean = X.mean(axis=0) if training else running['mean']\n"
        ),
        "12.3/batch-variance-at-inference",
    ),
    *(
        Answer(
            "12.3",
            f"std = {spread} at inference",
            _forward(
                "    if training:\n"
                "        mean, std = X.mean(axis=0), np.sqrt(X.var(axis=0) + eps)\n"
                "    else:\n"
                f"        mean, std = running['mean'], {spread}\n"
                "    var = std**2 - eps\n",
                normalize="(X - mean) / std",
            ),
            mistake,
        )
        for spread, mistake in [
            ("running['var'] + eps", "12.3/variance-at-inference"),
            ("running['var']", "12.3/variance-as-std-at-inference"),
            ("np.sqrt(running['var'])", "12.3/no-eps-at-inference"),
        ]
    ),
    Answer(
        "12.3",
        "statistics per row",
        _forward(
            "    if training:\n"
            "        mean, var = X.mean(axis=1, keepdims=True), X.var(axis=1, keepdims=True)\n"
            "    else:\n"
            "        mean, var = running['mean'], running['var']\n"
        ),
        "12.3/rows",
    ),
    Answer(
        "12.3",
        "running statistics always",
        _forward("    mean, var = running['mean'], running['var']\n"),
        "12.3/running-in-training",
    ),
    Answer(
        "12.3",
        "batch statistics always",
        _forward("    mean, var = X.mean(axis=0), X.var(axis=0)\n"),
        "12.3/batch-at-inference",
    ),
    Answer(
        "12.3",
        "no eps",
        _forward(_STATS, normalize="(X - mean) / np.sqrt(var)"),
        "12.3/no-eps",
    ),
    Answer(
        "12.3",
        "eps added to the standard deviation",
        _forward(_STATS, normalize="(X - mean) / (np.sqrt(var) + eps)"),
        "12.3/eps-outside",
    ),
    Answer(
        "12.3",
        "divides by the variance",
        _forward(_STATS, normalize="(X - mean) / (var + eps)"),
        "12.3/variance",
    ),
    Answer(
        "12.3",
        "sample variance",
        _forward(
            "    if training:\n"
            "        mean, var = X.mean(axis=0), X.var(axis=0, ddof=1)\n"
            "    else:\n"
            "        mean, var = running['mean'], running['var']\n"
        ),
        "12.3/ddof",
    ),
    Answer(
        "12.3",
        "no gamma and beta",
        _forward(_STATS, out="X_hat"),
        "12.3/no-affine",
    ),
    Answer(
        "12.3",
        "gamma and beta swapped",
        _forward(_STATS, out="beta * X_hat + gamma"),
        "12.3/gamma-beta-swapped",
    ),
    Answer(
        "12.3",
        "beta added before gamma scales",
        _forward(_STATS, out="gamma * (X_hat + beta)"),
        "12.3/shift-first",
    ),
    Answer(
        "12.3",
        "updates the running statistics in place",
        "def batchnorm_forward(X, gamma, beta, running, training=True, eps=1e-5):\n"
        "    if training:\n"
        "        mean, var = X.mean(axis=0), X.var(axis=0)\n"
        "        running['mean'] = 0.9 * running['mean'] + 0.1 * mean\n"
        "        running['var'] = 0.9 * running['var'] + 0.1 * var\n"
        "    else:\n"
        "        mean, var = running['mean'], running['var']\n"
        "    X_hat = (X - mean) / np.sqrt(var + eps)\n"
        "    return gamma * X_hat + beta, (X_hat, gamma, np.sqrt(var + eps))",
        "course/mutated",
    ),
    Answer(
        "12.3",
        "returns only the output",
        "def batchnorm_forward(X, gamma, beta, running, training=True, eps=1e-5):\n"
        "    mean = X.mean(axis=0) if training else running['mean']\n"
        "    var = X.var(axis=0) if training else running['var']\n"
        "    return gamma * (X - mean) / np.sqrt(var + eps) + beta",
        "12.3/no-cache",
    ),
    Answer(
        "12.3",
        "the library's version",
        "from wbcourse.normalization import batchnorm_forward",
        "course/library",
    ),
    Answer(
        "12.3",
        "variance written out, a dict as cache",
        "def batchnorm_forward(X, gamma, beta, running, training=True, eps=1e-5):\n"
        "    n = X.shape[0]\n"
        "    mu = X.sum(axis=0) / n if training else running['mean']\n"
        "    centred = X - mu\n"
        "    var = (centred**2).sum(axis=0) / n if training else running['var']\n"
        "    inv_std = 1.0 / np.sqrt(var + eps)\n"
        "    return centred * inv_std * gamma + beta, {'x_hat': centred * inv_std, 'inv': inv_std}",
    ),
    Answer(
        "12.3",
        "np.where on training, list result",
        "def batchnorm_forward(X, gamma, beta, running, training=True, eps=1e-5):\n"
        "    stats = [X.mean(0), X.var(0)] if training else [running['mean'], running['var']]\n"
        "    scale = gamma / np.sqrt(stats[1] + eps)\n"
        "    return [X * scale + (beta - stats[0] * scale), None]",
    ),
    # ------------------------------------------------------------ 12.4 batchnorm_backward
    Answer(
        "12.4",
        "(dgamma, dbeta, dX)",
        _backward(
            "G = dout * gamma",
            "dX = (G - G.mean(axis=0) - X_hat * (G * X_hat).mean(axis=0)) / std",
            "return (dout * X_hat).sum(axis=0), dout.sum(axis=0), dX",
        ),
        "course/gradient-order",
    ),
    Answer(
        "12.4",
        "every mean and sum over the units (axis=1)",
        _backward(
            "G = dout * gamma",
            "dX = (G - G.mean(axis=1, keepdims=True)"
            " - X_hat * (G * X_hat).mean(axis=1, keepdims=True)) / std",
            "return dX, (dout * X_hat).sum(axis=1), dout.sum(axis=1)",
        ),
        "course/summed-over-columns",
    ),
    Answer(
        "12.4",
        "statistics treated as constants",
        _backward("return dout * gamma / std, (dout * X_hat).sum(axis=0), dout.sum(axis=0)"),
        "12.4/constant-statistics",
    ),
    Answer(
        "12.4",
        "only the mean's path",
        _backward(
            "G = dout * gamma",
            "dX = (G - G.mean(axis=0)) / std",
            "return dX, (dout * X_hat).sum(axis=0), dout.sum(axis=0)",
        ),
        "12.4/no-variance-path",
    ),
    Answer(
        "12.4",
        "only the variance's path",
        _backward(
            "G = dout * gamma",
            "dX = (G - X_hat * (G * X_hat).mean(axis=0)) / std",
            "return dX, (dout * X_hat).sum(axis=0), dout.sum(axis=0)",
        ),
        "12.4/no-mean-path",
    ),
    Answer(
        "12.4",
        "no gamma in dX",
        _backward(
            "dX = (dout - dout.mean(axis=0) - X_hat * (dout * X_hat).mean(axis=0)) / std",
            "return dX, (dout * X_hat).sum(axis=0), dout.sum(axis=0)",
        ),
        "12.4/no-gamma",
    ),
    Answer(
        "12.4",
        "means for gamma and beta",
        _backward(
            "G = dout * gamma",
            "dX = (G - G.mean(axis=0) - X_hat * (G * X_hat).mean(axis=0)) / std",
            "return dX, (dout * X_hat).mean(axis=0), dout.mean(axis=0)",
        ),
        "12.4/means",
    ),
    Answer(
        "12.4",
        "dgamma like dbeta",
        _backward(
            "G = dout * gamma",
            "dX = (G - G.mean(axis=0) - X_hat * (G * X_hat).mean(axis=0)) / std",
            "return dX, dout.sum(axis=0), dout.sum(axis=0)",
        ),
        "12.4/dgamma-no-xhat",
    ),
    Answer(
        "12.4",
        "dbeta before dgamma",
        _backward(
            "G = dout * gamma",
            "dX = (G - G.mean(axis=0) - X_hat * (G * X_hat).mean(axis=0)) / std",
            "return dX, dout.sum(axis=0), (dout * X_hat).sum(axis=0)",
        ),
        "12.4/order",
    ),
    Answer(
        "12.4",
        "the library's version",
        "from wbcourse.normalization import batchnorm_backward",
        "course/library",
    ),
    Answer(
        "12.4",
        "node by node through the graph",
        _backward(
            "n = dout.shape[0]",
            "dbeta = dout.sum(axis=0)",
            "dgamma = (dout * X_hat).sum(axis=0)",
            "dX_hat = dout * gamma",
            "centred = X_hat * std",
            "dvar = np.sum(dX_hat * centred, axis=0) * -0.5 * std**-3",
            "dmean = -np.sum(dX_hat, axis=0) / std - 2.0 * dvar * centred.mean(axis=0)",
            "dX = dX_hat / std + dvar * 2.0 * centred / n + dmean / n",
            "return dX, dgamma, dbeta",
        ),
    ),
    Answer(
        "12.4",
        "the one-line form with sums",
        _backward(
            "n = len(dout)",
            "dgamma, dbeta = np.sum(dout * X_hat, 0), np.sum(dout, 0)",
            "return gamma / (n * std) * (n * dout - dbeta - X_hat * dgamma), dgamma, dbeta",
        ),
    ),
    Answer(
        "12.2",
        "eps inside the square root",
        "def adam_update(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
        "    m_new = beta1 * m + (1 - beta1) * dw\n"
        "    v_new = beta2 * v + (1 - beta2) * dw ** 2\n"
        "    m_hat = m_new / (1 - beta1 ** t)\n"
        "    v_hat = v_new / (1 - beta2 ** t)\n"
        "    return w - lr * m_hat / np.sqrt(v_hat + eps), m_new, v_new",
        "12.2/eps-inside",
    ),
    Answer(
        "12.3",
        "ignores the eps argument and uses a hard-coded 1e-5",
        "def batchnorm_forward(X, gamma, beta, running, training=True, eps=1e-5):\n"
        "    if training:\n"
        "        mean, var = X.mean(axis=0), X.var(axis=0)\n"
        "    else:\n"
        '        mean, var = running["mean"], running["var"]\n'
        "    std = np.sqrt(var + 1e-5)\n"
        "    X_hat = (X - mean) / std\n"
        "    return gamma * X_hat + beta, (X_hat, gamma, std)",
        "12.3/fixed-eps",
    ),
    Answer(
        "12.4",
        "zero gradients",
        "def batchnorm_backward(dout, cache):\n"
        "    return np.zeros_like(dout), np.zeros(dout.shape[1]), np.zeros(dout.shape[1])",
        message="gradient check failed",
    ),
    Answer(
        "12.2",
        "beta1 in both averages",
        "def adam_update(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
        "    m = beta1 * m + (1 - beta1) * dw\n"
        "    v = beta1 * v + (1 - beta1) * dw ** 2\n"
        "    m_hat = m / (1 - beta1 ** t)\n"
        "    v_hat = v / (1 - beta2 ** t)\n"
        "    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v",
        "12.2/beta1-in-v",
    ),
    Answer(
        "12.2",
        "absolute gradients in v",
        "def adam_update(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
        "    m = beta1 * m + (1 - beta1) * dw\n"
        "    v = beta2 * v + (1 - beta2) * abs(dw)\n"
        "    m_hat = m / (1 - beta1 ** t)\n"
        "    v_hat = v / (1 - beta2 ** t)\n"
        "    return w - lr * m_hat / (np.sqrt(v_hat) + eps), m, v",
        "12.2/abs-not-square",
    ),
    Answer(
        "12.1",
        "operator precedence: X - mean / std instead of (X - mean) / std",
        "def standardize(X_train, X_val):\n"
        "    mean = X_train.mean(axis=0)\n"
        "    std = X_train.std(axis=0)\n"
        "    return X_train - mean / std, X_val - mean / std",
        "12.1/precedence",
    ),
    Answer(
        "12.1",
        "min-max scaling to [0, 1] instead of standardizing",
        "def standardize(X_train, X_val):\n"
        "    lo, hi = X_train.min(axis=0), X_train.max(axis=0)\n"
        "    return (X_train - lo) / (hi - lo), (X_val - lo) / (hi - lo)",
        "12.1/min-max",
    ),
    Answer(
        "12.2",
        "returns (w, v, m)",
        "def adam_update(w, dw, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):\n"
        "    m_new = beta1 * m + (1 - beta1) * dw\n"
        "    v_new = beta2 * v + (1 - beta2) * dw ** 2\n"
        "    m_hat = m_new / (1 - beta1 ** t)\n"
        "    v_hat = v_new / (1 - beta2 ** t)\n"
        "    w_new = w - lr * m_hat / (np.sqrt(v_hat) + eps)\n"
        "    return w_new, v_new, m_new",
        "course/order",
    ),
    Answer(
        "12.4",
        "multiplies by std instead of dividing by it",
        "def batchnorm_backward(dout, cache):\n"
        "    X_hat, gamma, std = cache\n"
        "    G_hat = dout * gamma\n"
        "    dX = std * (G_hat - G_hat.mean(axis=0) - X_hat * (G_hat * X_hat).mean(axis=0))\n"
        "    dgamma = np.sum(dout * X_hat, axis=0)\n"
        "    dbeta = np.sum(dout, axis=0)\n"
        "    return dX, dgamma, dbeta",
        "12.4/times-std",
    ),
    Answer(
        "12.4",
        "uses sums instead of means for the two extra terms (forgets the 1/N)",
        "def batchnorm_backward(dout, cache):\n"
        "    X_hat, gamma, std = cache\n"
        "    G_hat = dout * gamma\n"
        "    dX = (G_hat - G_hat.sum(axis=0) - X_hat * (G_hat * X_hat).sum(axis=0)) / std\n"
        "    dgamma = np.sum(dout * X_hat, axis=0)\n"
        "    dbeta = np.sum(dout, axis=0)\n"
        "    return dX, dgamma, dbeta",
        "12.4/sums-in-dx",
    ),
    Answer(
        "12.4",
        "sign error on the last term: + X_hat * mean(G_hat * X_hat)",
        "def batchnorm_backward(dout, cache):\n"
        "    X_hat, gamma, std = cache\n"
        "    G_hat = dout * gamma\n"
        "    dX = (G_hat - G_hat.mean(axis=0) + X_hat * (G_hat * X_hat).mean(axis=0)) / std\n"
        "    dgamma = np.sum(dout * X_hat, axis=0)\n"
        "    dbeta = np.sum(dout, axis=0)\n"
        "    return dX, dgamma, dbeta",
        "12.4/variance-sign",
    ),
    Answer(
        "12.4",
        "+ mean(G_hat) instead of -",
        "def batchnorm_backward(dout, cache):\n"
        "    X_hat, gamma, std = cache\n"
        "    G = dout * gamma\n"
        "    dX = (G + G.mean(axis=0) - X_hat * (G * X_hat).mean(axis=0)) / std\n"
        "    return dX, (dout * X_hat).sum(axis=0), dout.sum(axis=0)",
        "12.4/mean-sign",
    ),
    Answer(
        "12.4",
        "the means along axis 1",
        "def batchnorm_backward(dout, cache):\n"
        "    X_hat, gamma, std = cache\n"
        "    G = dout * gamma\n"
        "    row_mean = lambda values: values.mean(axis=1, keepdims=True)\n"
        "    dX = (G - row_mean(G) - X_hat * row_mean(G * X_hat)) / std\n"
        "    return dX, (dout * X_hat).sum(axis=0), dout.sum(axis=0)",
        "12.4/row-means",
    ),
    Answer(
        "12.4",
        "np.mean(G * X_hat) without an axis",
        "def batchnorm_backward(dout, cache):\n"
        "    X_hat, gamma, std = cache\n"
        "    G = dout * gamma\n"
        "    dX = (G - G.mean(axis=0) - X_hat * np.mean(G * X_hat)) / std\n"
        "    return dX, (dout * X_hat).sum(axis=0), dout.sum(axis=0)",
        "12.4/whole-mean",
    ),
]
