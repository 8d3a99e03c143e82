/**
 * The models a run trains and how they are measured: the depth-N {@link dev.tacit.optim.models.LinearNetwork} with
 * its objective (mean squared error over the observed entries plus λ·R(W)) and its spectral start, the user-item
 * {@link dev.tacit.optim.models.EmbeddingModel} with its mini-batch objective, the
 * {@link dev.tacit.optim.models.Scaling} of ratings before training, and the evaluators that score a model on a
 * completion problem (synthetic matrices) or on held-out ratings. {@link dev.tacit.optim.models.LinearNetworkMethod}
 * is the network as a {@link dev.tacit.api.CompletionMethod}.
 */
package dev.tacit.optim.models;
