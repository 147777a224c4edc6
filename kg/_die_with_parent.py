"""Importing this module makes the importing process die with its parent (see kg.lifetime).

Named as a preload module of multiprocessing's fork server and of Dask's local workers, where
importing is the only hook; never import it from a process that should outlive its parent.
"""

from kg.lifetime import die_with_parent

die_with_parent()
