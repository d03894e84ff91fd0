"""Index shards built and searched on Apache Spark (see README, "More than one machine").

The job never ranks or counts by itself: every shard is built by `news-index -` and
searched by `news-search` on an executor; the driver sums global statistics, merges
ranked lists (`merge.py`) and sums counts.
"""
