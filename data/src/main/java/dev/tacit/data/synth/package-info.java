/**
 * Realistic rating data at any size, for testing and benchmarking at scale without the real archives:
 * {@link dev.tacit.data.synth.SyntheticRatings} draws users' and items' activity from heavy-tailed (log-normal)
 * distributions like MovieLens's, ratings from a known low-rank model with biases and Gaussian noise quantised to a
 * star scale, and streams them to a CSV file that {@code tacit fit --ratings} reads. Because the model is known, so
 * is the noise floor: the RMSE no predictor can beat on held-out ratings, which every run reports.
 */
package dev.tacit.data.synth;
