"""kefu: clean Chinese web articles and extract who, which companies, when and how much work."""
from analysis.document import Document, Extraction

__all__ = ["Document", "Extraction", "__version__"]
__version__ = "0.1.0"
