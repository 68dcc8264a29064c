"""viz_record: PyTorch training recorded as a viz run folder (RUN_FORMAT.md, run format 2).

    from viz_record import Recorder
    rec = Recorder("out", model, probes=(x, y), head="fc2",
                   test_set=(tx, ty), attributions="conv2")   # optional tensors, when wanted
    rec.snapshot(epoch=0)
    ...   rec.step() after every optimiser step,
    ...   rec.snapshot(epoch=e, test_accuracy=acc, train_loss=loss) after every epoch
    rec.close()

then `viz render --out out` draws it. See README.md beside this package for what is recorded,
DDP use and the limits.
"""

from .recorder import Recorder
from .run_lock import RunLockedError
from .version import VERSION as __version__

__all__ = ["Recorder", "RunLockedError", "__version__"]
