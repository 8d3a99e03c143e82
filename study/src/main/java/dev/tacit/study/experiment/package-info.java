/**
 * Experiments: a grid of runs on synthetic problems read from an experiment file or a {@link
 * dev.tacit.study.experiment.Presets preset}, run in parallel by the {@link dev.tacit.study.experiment.ExperimentRunner}
 * through the completion-method service, each finished run stored at once in a {@link
 * dev.tacit.study.experiment.ResultStore} so that an interrupted sweep resumes, and summarised over seeds by {@link
 * dev.tacit.study.experiment.Summary}.
 */
package dev.tacit.study.experiment;
