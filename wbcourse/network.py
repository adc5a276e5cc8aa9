"""A multi-layer perceptron built from the dense layers and activations of the core.

Parameters live in a dict ``{"W1": (D_0, D_1), "b1": (D_1,), ..., "WL", "bL"}``
where ``layer_sizes = [D_0, D_1, ..., D_L]``: ``D_0`` inputs, ``D_L`` outputs.
Layer ``l`` computes ``Z_l = A_{l-1} @ W_l + b_l`` and ``A_l = f(Z_l)``, with the
hidden ``activation`` for ``l < L`` and the ``output`` activation for ``l = L``.
With ``keep_prob < 1`` every hidden ``A_l`` goes through inverted dropout
(:func:`wbcourse.regularization.dropout_forward`), its mask drawn from ``rng``.

:func:`stacked_loss_and_grads` computes the same loss and gradients for ``K``
networks of one architecture at once, stacked along a new first axis: one
Python pass for ``K`` networks (several seeds, several penalties).
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from wbcourse import activations, init, losses
from wbcourse.errors import ShapeError, as_array, check_params
from wbcourse.layers import dense_backward, dense_forward
from wbcourse.regularization import check_keep_prob, dropout_backward, dropout_forward

__all__ = [
    "count_parameters",
    "init_params",
    "loss_and_grads",
    "mlp_backward",
    "mlp_forward",
    "predict",
    "predict_proba",
    "stacked_loss_and_grads",
]


def _check_sizes(layer_sizes) -> list[int]:
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(
            f"layer_sizes needs at least 2 entries [inputs, ..., outputs], got {sizes}"
        )
    return [init.check_positive_int(f"layer_sizes[{i}]", size) for i, size in enumerate(sizes)]


def count_parameters(layer_sizes) -> int:
    """Number of weights and biases: ``sum(D_in * D_out + D_out)`` over the layers.

    Every unit has one weight per input and its own bias.

    Examples
    --------
    >>> count_parameters([2, 3, 1])  # (2*3 + 3) + (3*1 + 1)
    13
    """
    sizes = _check_sizes(layer_sizes)
    return sum(d_in * d_out + d_out for d_in, d_out in pairwise(sizes))


def init_params(layer_sizes, rng: np.random.Generator, method: str = "he") -> dict:
    """Initial parameters: ``W_l = init(D_{l-1}, D_l, rng)``, ``b_l = zeros(D_l)``.

    Parameters
    ----------
    layer_sizes : sequence of int, [D_0, ..., D_L]
    rng : numpy.random.Generator
    method : str
        An initialiser name from :func:`wbcourse.init.get`.

    Returns
    -------
    params : dict
        ``"W1"`` (D_0, D_1), ``"b1"`` (D_1,), ..., ``"WL"`` (D_{L-1}, D_L), ``"bL"`` (D_L,).

    Examples
    --------
    >>> params = init_params([2, 4, 3], np.random.default_rng(0))
    >>> {key: value.shape for key, value in params.items()}
    {'W1': (2, 4), 'b1': (4,), 'W2': (4, 3), 'b2': (3,)}
    """
    sizes = _check_sizes(layer_sizes)
    initialiser = init.get(method)
    init.check_rng(rng)
    params = {}
    for layer, (d_in, d_out) in enumerate(pairwise(sizes), start=1):
        params[f"W{layer}"] = initialiser(d_in, d_out, rng)
        params[f"b{layer}"] = np.zeros(d_out)
    return params


def _num_layers(params: dict) -> int:
    """Check that ``params`` holds W1, b1, ..., WL, bL of matching shapes; return L."""
    num_layers = sum(1 for key in params if key.startswith("W"))
    expected = [f"{kind}{layer}" for layer in range(1, num_layers + 1) for kind in "Wb"]
    missing = [key for key in expected if key not in params]
    extra = [key for key in params if key not in expected]
    if num_layers == 0 or missing or extra:
        raise ValueError(
            f"params must have keys W1, b1, ..., WL, bL; got {list(params)}"
            + (f"; missing {missing}" if missing else "")
            + (f"; unexpected {extra}" if extra else "")
        )
    shapes = [np.shape(params[f"W{layer}"]) for layer in range(1, num_layers + 1)]
    for layer, W in enumerate(shapes, start=1):
        b = np.shape(params[f"b{layer}"])
        if len(W) != 2:
            raise ShapeError(f"W{layer} must be 2-D with shape (D_in, D_out), got shape {W}")
        if b != (W[1],):
            raise ShapeError(
                f"b{layer} must have shape ({W[1]},), one bias per unit of layer {layer}, "
                f"got shape {b}"
            )
    for layer, (before, W) in enumerate(pairwise(shapes), start=2):
        if W[0] != before[1]:
            raise ShapeError(
                f"params has W{layer - 1} {before} but W{layer} {W}: W{layer} must have "
                f"{before[1]} rows, one per unit of layer {layer - 1}"
            )
    return num_layers


def mlp_forward(
    X,
    params: dict,
    activation: str = "relu",
    output: str = "identity",
    *,
    keep_prob: float = 1.0,
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, dict]:
    """Forward pass through all layers.

    Parameters
    ----------
    X : array-like, shape (N, D_0)
    params : dict
        ``W1``, ``b1``, ..., ``WL``, ``bL`` as made by :func:`init_params`.
    activation : str
        Hidden activation, a name from :func:`wbcourse.activations.get`.
    output : str
        Output activation; ``"identity"`` returns the logits ``Z_L``.
    keep_prob : float in (0, 1]
        Inverted dropout after every hidden activation; 1 (the default) means none.
    rng : numpy.random.Generator, optional
        Draws the dropout masks; needed when ``keep_prob < 1``.

    Returns
    -------
    out : ndarray, shape (N, D_L)
    cache : dict
        What :func:`mlp_backward` needs, the dropout masks included.

    Examples
    --------
    >>> params = {"W1": np.array([[1.0], [1.0]]), "b1": np.array([-1.5])}  # AND
    >>> out, _ = mlp_forward([[0, 0], [0, 1], [1, 0], [1, 1]], params)
    >>> out.ravel()
    array([-1.5, -0.5, -0.5,  0.5])
    >>> params = {"W1": np.ones((2, 4)), "b1": np.zeros(4), "W2": np.ones((4, 1)), "b2": [0.0]}
    >>> out, _ = mlp_forward([[1.0, 1.0]], params, keep_prob=0.5, rng=np.random.default_rng(0))
    >>> out.ravel()  # each hidden unit is 2; 3 of the 4 kept, each doubled: 3 * 4
    array([12.])
    """
    check_params(params, X)
    num_layers = _num_layers(params)
    hidden, _ = activations.get(activation)
    last, _ = activations.get(output)
    keep_prob = check_keep_prob(keep_prob)
    if keep_prob < 1.0:
        init.check_rng(rng)
    A, layers = X, []
    for layer in range(1, num_layers + 1):
        Z, dense_cache = dense_forward(A, params[f"W{layer}"], params[f"b{layer}"])
        mask = None
        if layer == num_layers:
            A = last(Z)
        else:
            A = hidden(Z)
            if keep_prob < 1.0:
                A, mask = dropout_forward(A, keep_prob, rng)
        layers.append((dense_cache, Z, mask))
    cache = {"layers": layers, "activation": activation, "output": output, "keep_prob": keep_prob}
    return A, cache


def mlp_backward(dout, cache: dict) -> dict:
    """Backward pass: gradients of a scalar loss given ``dout = dloss/dout``.

    For ``l = L, ..., 1``: ``dZ_l = f_backward(dA_l, Z_l)``, after
    :func:`~wbcourse.regularization.dropout_backward` with the forward pass's mask
    for a hidden layer with dropout, and
    ``(dA_{l-1}, dW_l, db_l) = dense_backward(dZ_l, cache_l)``.

    Parameters
    ----------
    dout : ndarray, shape (N, D_L)
    cache : dict
        From :func:`mlp_forward`.

    Returns
    -------
    grads : dict
        Same keys and shapes as ``params``.

    Examples
    --------
    >>> params = {"W1": np.array([[2.0], [3.0]]), "b1": np.array([1.0])}
    >>> out, cache = mlp_forward([[1.0, 1.0]], params)
    >>> grads = mlp_backward(np.ones_like(out), cache)
    >>> grads["W1"].ravel(), grads["b1"]
    (array([1., 1.]), array([1.]))
    """
    layers = cache["layers"]
    _, hidden_backward = activations.get(cache["activation"])
    _, last_backward = activations.get(cache["output"])
    grads = {}
    dA = as_array("dout", dout)
    for layer in range(len(layers), 0, -1):
        dense_cache, Z, mask = layers[layer - 1]
        if mask is not None:
            dA = dropout_backward(dA, mask, cache["keep_prob"])
        backward = last_backward if layer == len(layers) else hidden_backward
        dZ = backward(dA, Z)
        if layer > 1:
            dA, grads[f"W{layer}"], grads[f"b{layer}"] = dense_backward(dZ, dense_cache)
        else:
            # Nobody needs the gradient of the input data: skip dX = dZ @ W1.T, one of the
            # step's largest matmuls. dZ has the shape of Z1, checked by the activation.
            X = dense_cache[0]
            grads["W1"], grads["b1"] = X.T @ dZ, dZ.sum(axis=0)
    return {
        f"{kind}{layer}": grads[f"{kind}{layer}"]
        for layer in range(1, len(layers) + 1)
        for kind in "Wb"
    }


def predict(X, params: dict, activation: str = "relu") -> np.ndarray:
    """Predicted class per row: ``argmax`` of the logits, or ``logits > 0`` for one output.

    Returns
    -------
    labels : ndarray of int, shape (N,)

    Examples
    --------
    >>> params = {"W1": np.array([[1.0], [1.0]]), "b1": np.array([-1.5])}  # AND
    >>> predict([[0, 0], [0, 1], [1, 0], [1, 1]], params)
    array([0, 0, 0, 1])
    """
    logits, _ = mlp_forward(X, params, activation)
    if logits.shape[1] == 1:
        return (logits[:, 0] > 0).astype(np.int64)
    return logits.argmax(axis=1)


def predict_proba(X, params: dict, activation: str = "relu") -> np.ndarray:
    """Class probabilities per row: ``softmax`` of the logits, without dropout.

    Returns
    -------
    proba : ndarray, shape (N, D_L)
        Each row sums to 1.

    Examples
    --------
    >>> params = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros(2)}
    >>> predict_proba([[0.0], [100.0]], params).round(3)
    array([[0.5, 0.5],
           [1. , 0. ]])
    """
    logits, _ = mlp_forward(X, params, activation)
    return activations.softmax(logits)


# loss name -> loss function(logits, target) -> (loss, dlogits)
_LOSSES = {
    "softmax_cross_entropy": losses.softmax_cross_entropy,
    "binary_cross_entropy": losses.binary_cross_entropy_with_logits,
    "mse": losses.mse,
}


def loss_and_grads(
    params: dict,
    X,
    y,
    activation: str = "relu",
    loss: str = "softmax_cross_entropy",
    *,
    keep_prob: float = 1.0,
    rng: np.random.Generator | None = None,
) -> tuple[float, dict]:
    """Loss of the network on ``(X, y)`` and its gradients with respect to ``params``.

    The loss is computed from the logits ``Z_L``:

    - ``"softmax_cross_entropy"``: integer labels ``y`` (N,), ``D_L`` classes;
    - ``"binary_cross_entropy"``: 0/1 targets ``y`` (N,) and ``D_L = 1``; the
      cross-entropy of ``sigmoid(Z_L)``, computed stably from the logits;
    - ``"mse"``: targets of shape (N, D_L), or (N,) when ``D_L = 1``.

    With ``keep_prob < 1`` the hidden layers use inverted dropout, masks drawn from
    ``rng`` (see :func:`mlp_forward`): the loss and gradients of one training step.

    Returns
    -------
    loss : float
    grads : dict
        Same keys and shapes as ``params``.

    Examples
    --------
    >>> params = init_params([2, 3], np.random.default_rng(0), method="zeros")
    >>> value, grads = loss_and_grads(params, [[1.0, 2.0]], [0])
    >>> round(value, 4), round(float(np.log(3)), 4)  # uniform over 3 classes
    (1.0986, 1.0986)
    """
    if loss not in _LOSSES:
        raise ValueError(f"unknown loss {loss!r}; choose one of {', '.join(_LOSSES)}")
    logits, cache = mlp_forward(X, params, activation, keep_prob=keep_prob, rng=rng)
    target = np.asarray(y)
    if loss != "softmax_cross_entropy" and target.ndim == 1 and logits.shape[1] == 1:
        target = target[:, None]
    value, dlogits = _LOSSES[loss](logits, target)
    return value, mlp_backward(dlogits, cache)


def stacked_loss_and_grads(stack: dict, X, y, activation: str = "relu") -> tuple[np.ndarray, dict]:
    """Softmax cross-entropy and its gradients for ``K`` networks at once.

    ``stack`` holds ``K`` networks of the same layer sizes along a new first axis:
    ``W1`` (K, D_0, D_1), ``b1`` (K, D_1), ..., ``WL``, ``bL``. Network ``k`` gets
    exactly what :func:`loss_and_grads` gives for ``params = {key: stack[key][k]}``
    (up to rounding), but the K networks share one Python pass: per layer
    ``Z_l = A_{l-1} @ W_l + b_l`` with the products batched over ``k``, then
    ``dZ_L = (softmax(Z_L) - onehot(y)) / N``, ``dW_l = A_{l-1}^T @ dZ_l``,
    ``db_l = sum(dZ_l)`` over the examples and ``dZ_{l-1} = f'(dZ_l @ W_l^T, Z_{l-1})``.

    Parameters
    ----------
    stack : dict
        The stacked parameters, as above.
    X : array-like, shape (N, D_0) or (K, N, D_0)
        The same inputs for every network, or one batch per network.
    y : array-like of int, shape (N,) or (K, N)
        Class labels, shared or one row per network.
    activation : str
        The hidden activation.

    Returns
    -------
    losses : ndarray, shape (K,)
    grads : dict
        Same keys and shapes as ``stack``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> nets = [init_params([2, 3, 2], rng) for _ in range(4)]
    >>> stack = {key: np.stack([net[key] for net in nets]) for key in nets[0]}
    >>> X, y = rng.normal(size=(5, 2)), np.array([0, 1, 1, 0, 1])
    >>> losses, grads = stacked_loss_and_grads(stack, X, y)
    >>> losses.shape, grads["W1"].shape
    ((4,), (4, 2, 3))
    >>> single, single_grads = loss_and_grads(nets[2], X, y)
    >>> bool(np.isclose(losses[2], single)), bool(np.allclose(grads["W1"][2], single_grads["W1"]))
    (True, True)
    """
    count = len(stack["W1"])
    num_layers = _num_layers({key: value[0] for key, value in stack.items()})
    if any(len(value) != count for value in stack.values()):
        raise ShapeError(f"every entry of stack must hold {count} networks along axis 0")
    X, y = as_array("X", X), np.asarray(y)
    inputs_needed = stack["W1"].shape[1]
    if X.shape[-1] != inputs_needed or X.ndim not in (2, 3):
        raise ShapeError(
            f"X must have shape (N, {inputs_needed}) or ({count}, N, {inputs_needed}), "
            f"got {X.shape}"
        )
    labels = np.broadcast_to(y, (count, X.shape[-2]))
    forward, backward = activations.get(activation)
    A, inputs, Zs = X, [], []
    for layer in range(1, num_layers + 1):
        inputs.append(A)
        Zs.append(A @ stack[f"W{layer}"] + stack[f"b{layer}"][:, None, :])
        if layer < num_layers:
            A = forward(Zs[-1])
    logits = Zs[-1]
    networks, examples = np.arange(count)[:, None], np.arange(labels.shape[1])
    m = logits.max(axis=-1, keepdims=True)
    e = np.exp(logits - m)
    total = e.sum(axis=-1, keepdims=True)
    picked = logits[networks, examples, labels]
    losses = np.mean(m[..., 0] + np.log(total[..., 0]) - picked, axis=-1)
    dZ = e / total
    dZ[networks, examples, labels] -= 1.0
    dZ /= labels.shape[1]
    grads = {}
    for layer in range(num_layers, 0, -1):
        grads[f"W{layer}"] = np.swapaxes(inputs[layer - 1], -1, -2) @ dZ
        grads[f"b{layer}"] = dZ.sum(axis=-2)
        if layer > 1:
            dZ = backward(dZ @ np.swapaxes(stack[f"W{layer}"], -1, -2), Zs[layer - 2])
    return losses, {key: grads[key] for key in stack}
