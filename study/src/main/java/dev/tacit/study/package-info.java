/**
 * Runs on rating data under a {@link dev.tacit.study.Protocol}: {@link dev.tacit.study.RatingConfig} says what to
 * train and how to select it, {@link dev.tacit.study.RatingExperiment} runs every λ candidate and scores the chosen one,
 * and {@link dev.tacit.study.StudyTable} holds the study's published MovieLens table and aggregates a reproduction.
 */
package dev.tacit.study;
