/**
 * Tacit on Apache Spark ({@code tacit-spark}, docs/spark.md): an experiment's runs as Spark tasks with the run files
 * of {@code tacit experiment}; Spark MLlib's ALS as a baseline on Tacit's data and metrics; the embedding model trained
 * data-parallel, full batch. A class-path module: Spark's jars are not JPMS modules, so it is built only by the
 * {@code spark} profile and is never part of the image.
 */
package dev.tacit.spark;
