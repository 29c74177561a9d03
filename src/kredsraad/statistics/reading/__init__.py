"""The reading side of statistics: the district's pages, comparisons, charts, the figures in a
cooperation plan, suppression of small counts and the downloads."""
