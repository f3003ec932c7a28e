# Imported at interpreter start when this folder is on PYTHONPATH: replaces jieba with a stand-in
# that never splits, so Material indexes Chinese without word segmentation (the benchmark's
# baseline) while the same mkdocs.yml, user dictionary included, still loads.
import sys
import types

_stub = types.ModuleType("jieba")
_stub.cut = lambda text, *args, **kwargs: iter([text.decode("utf-8") if isinstance(text, bytes) else text])
_stub.load_userdict = lambda path: None
_stub.set_dictionary = lambda path: None
sys.modules["jieba"] = _stub
