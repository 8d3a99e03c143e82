/**
 * Models, objectives and the trainer.
 *
 * <p>A {@link dev.tacit.optim.CompletionModel} turns parameters into a completed matrix; a
 * {@link dev.tacit.optim.TrainingObjective} gives the loss and its gradients; the {@link dev.tacit.optim.Trainer}
 * runs an {@link dev.tacit.api.Optimizer} on them and publishes {@link dev.tacit.api.TrainingEvent}s.
 * {@link dev.tacit.optim.Catalog} finds the optimizers and penalties with {@link java.util.ServiceLoader}, and
 * {@link dev.tacit.optim.CompletionMethods} the completion methods: the network as
 * {@link dev.tacit.optim.LinearNetworkMethod} and the classical baselines.
 */
package dev.tacit.optim;
