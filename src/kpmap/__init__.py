"""kpmap: a map of Finland's urban-policy partnership programmes."""

from kpmap.data import BUNDLED_DATA_DIR, load_dataset
from kpmap.model import Dataset, Programme
from kpmap.problems import DataError, Problem

__all__ = ["BUNDLED_DATA_DIR", "DataError", "Dataset", "Problem", "Programme", "load_dataset"]
