/**
 * The training loop and what it needs around it: a {@link dev.tacit.optim.training.TrainingObjective} gives the loss
 * and its gradients, the {@link dev.tacit.optim.training.Trainer} runs an {@link dev.tacit.api.Optimizer} on it at the
 * rate a {@link dev.tacit.api.Schedule} chooses, measures the model with an
 * {@link dev.tacit.optim.training.Evaluator}, publishes {@link dev.tacit.api.TrainingEvent}s, stops on divergence, on
 * early stopping or on request, and hands out its {@link dev.tacit.optim.training.Progress}, which a
 * {@link dev.tacit.optim.training.Checkpoint} stores bit for bit.
 */
package dev.tacit.optim.training;
