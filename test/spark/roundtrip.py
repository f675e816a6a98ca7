"""Spark on the volume: the test peer of test/e2e/spark.test.ts.

Usage: python3 roundtrip.py hdfs://HOST:PORT DIR

Starts Spark in local mode (local[2]) pointed at the volume with only
spark.hadoop.fs.defaultFS, reads DIR/in/words.txt (text) and DIR/in/people.csv (CSV with a
header), writes the people with a derived column back as Parquet (DIR/out/people.parquet) and
JSON (DIR/out/people.json), reads both again, and prints one JSON object saying what it read,
so the TypeScript test asserts on the content. Paths are relative to the default file system.
"""
import json
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main(default_fs: str, base: str) -> None:
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("gluster-ts spark roundtrip")
        .config("spark.hadoop.fs.defaultFS", default_fs)
        # A small machine: little memory, two shuffle partitions, no web UI.
        .config("spark.driver.memory", "768m")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("WARN")
    try:
        lines = spark.read.text(f"{base}/in/words.txt")
        words = (
            lines.select(F.explode(F.split(F.col("value"), r"\s+")).alias("word"))
            .where(F.col("word") != "")
            .groupBy("word")
            .count()
        )
        people = spark.read.option("header", True).option("inferSchema", True).csv(f"{base}/in/people.csv")
        enriched = people.withColumn("age_next_year", F.col("age") + 1)
        enriched.write.mode("overwrite").parquet(f"{base}/out/people.parquet")
        enriched.write.mode("overwrite").json(f"{base}/out/people.json")
        parquet_back = spark.read.parquet(f"{base}/out/people.parquet")
        json_back = spark.read.json(f"{base}/out/people.json")
        report = {
            "lines": lines.count(),
            "words": {r["word"]: r["count"] for r in words.collect()},
            "csvSchema": [[f.name, f.dataType.simpleString()] for f in people.schema.fields],
            "csv": rows(people),
            "parquetSchema": [[f.name, f.dataType.simpleString()] for f in parquet_back.schema.fields],
            "parquet": rows(parquet_back),
            "json": rows(json_back),
        }
        print("REPORT " + json.dumps(report, sort_keys=True), flush=True)
    finally:
        spark.stop()


def rows(df) -> list:
    """The rows as dicts, sorted by id, so the test compares them as a set."""
    return sorted((r.asDict() for r in df.collect()), key=lambda r: r["id"])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
