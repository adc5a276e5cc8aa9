"""Interactive explorers for the lessons, in the spirit of TensorFlow Playground.

Each explorer is a matplotlib figure (drawn with Agg, shown as PNG in an
``ipywidgets.Image``) plus controls. Display one as the last expression of a cell;
drive it from Python with ``explorer.set(name=value)`` and read ``explorer.state``.
Without a front end (nbconvert, nbval, nbgrader) the output holds a static PNG.

=================================  ==========  ==========================================
function                           lesson      controls
=================================  ==========  ==========================================
:func:`neuron_explorer`            01, 02      w1, w2, b, use_bias, point, activation
:func:`activation_explorer`        03          activation, w, b, x
:func:`descent_explorer`           06          lr, steps, batch_size
:func:`training_playground`        08, 10, 11  dataset, hidden_layers, units, activation,
                                               lr, l2, dropout, batch_size; buttons
:func:`regularization_explorer`    10          l2
:func:`optimizer_race`             12          lr, steps, beta, decay, batch_size, centre
=================================  ==========  ==========================================
"""

from wbcourse.widgets.activation import ActivationExplorer, activation_explorer
from wbcourse.widgets.descent import DescentExplorer, descent_explorer
from wbcourse.widgets.neuron import NeuronExplorer, neuron_explorer
from wbcourse.widgets.optimizers import OptimizerRace, optimizer_race
from wbcourse.widgets.playground import TrainingPlayground, training_playground
from wbcourse.widgets.regularization import RegularizationExplorer, regularization_explorer

__all__ = [
    "ActivationExplorer",
    "DescentExplorer",
    "NeuronExplorer",
    "OptimizerRace",
    "RegularizationExplorer",
    "TrainingPlayground",
    "activation_explorer",
    "descent_explorer",
    "neuron_explorer",
    "optimizer_race",
    "regularization_explorer",
    "training_playground",
]
