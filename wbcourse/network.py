"""A multi-layer perceptron built from the dense layers and activations of the core.

Parameters live in a dict ``{"W1": (D_0, D_1), "b1": (D_1,), ..., "WL", "bL"}``
where ``layer_sizes = [D_0, D_1, ..., D_L]``: ``D_0`` inputs, ``D_L`` outputs.
Layer ``l`` computes ``Z_l = A_{l-1} @ W_l + b_l`` and ``A_l = f(Z_l)``, with the
hidden ``activation`` for ``l < L`` and the ``output`` activation for ``l = L``.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np

from wbcourse import activations, init, losses
from wbcourse.errors import ShapeError, as_array
from wbcourse.layers import dense_backward, dense_forward

__all__ = [
    "count_parameters",
    "init_params",
    "loss_and_grads",
    "mlp_backward",
    "mlp_forward",
    "predict",
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
    X, params: dict, activation: str = "relu", output: str = "identity"
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

    Returns
    -------
    out : ndarray, shape (N, D_L)
    cache : dict
        What :func:`mlp_backward` needs.

    Examples
    --------
    >>> params = {"W1": np.array([[1.0], [1.0]]), "b1": np.array([-1.5])}  # AND
    >>> out, _ = mlp_forward([[0, 0], [0, 1], [1, 0], [1, 1]], params)
    >>> out.ravel()
    array([-1.5, -0.5, -0.5,  0.5])
    """
    num_layers = _num_layers(params)
    hidden, _ = activations.get(activation)
    last, _ = activations.get(output)
    A, layers = X, []
    for layer in range(1, num_layers + 1):
        Z, dense_cache = dense_forward(A, params[f"W{layer}"], params[f"b{layer}"])
        A = (last if layer == num_layers else hidden)(Z)
        layers.append((dense_cache, Z))
    return A, {"layers": layers, "activation": activation, "output": output}


def mlp_backward(dout, cache: dict) -> dict:
    """Backward pass: gradients of a scalar loss given ``dout = dloss/dout``.

    For ``l = L, ..., 1``: ``dZ_l = f_backward(dA_l, Z_l)`` and
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
        dense_cache, Z = layers[layer - 1]
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


# loss name -> loss function(logits, target) -> (loss, dlogits)
_LOSSES = {
    "softmax_cross_entropy": losses.softmax_cross_entropy,
    "binary_cross_entropy": losses.binary_cross_entropy_with_logits,
    "mse": losses.mse,
}


def loss_and_grads(
    params: dict, X, y, activation: str = "relu", loss: str = "softmax_cross_entropy"
) -> tuple[float, dict]:
    """Loss of the network on ``(X, y)`` and its gradients with respect to ``params``.

    The loss is computed from the logits ``Z_L``:

    - ``"softmax_cross_entropy"``: integer labels ``y`` (N,), ``D_L`` classes;
    - ``"binary_cross_entropy"``: 0/1 targets ``y`` (N,) and ``D_L = 1``; the
      cross-entropy of ``sigmoid(Z_L)``, computed stably from the logits;
    - ``"mse"``: targets of shape (N, D_L), or (N,) when ``D_L = 1``.

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
    logits, cache = mlp_forward(X, params, activation)
    target = np.asarray(y)
    if loss != "softmax_cross_entropy" and target.ndim == 1 and logits.shape[1] == 1:
        target = target[:, None]
    value, dlogits = _LOSSES[loss](logits, target)
    return value, mlp_backward(dlogits, cache)
