/**
 * Models, objectives and the trainer.
 *
 * <p>A {@link dev.tacit.optim.CompletionModel} turns parameters into a completed matrix; a
 * {@link dev.tacit.optim.TrainingObjective} gives the loss and its gradients; the {@link dev.tacit.optim.Trainer}
 * runs an {@link dev.tacit.api.Optimizer} on them and publishes {@link dev.tacit.api.TrainingEvent}s.
 * {@link dev.tacit.optim.Catalog} holds the optimizers, penalties and schedules found with
 * {@link java.util.ServiceLoader}, built in or loaded by {@link dev.tacit.optim.Plugins} from plugin jars.
 * {@link dev.tacit.optim.CompletionMethods} holds the completion methods: the network as
 * {@link dev.tacit.optim.LinearNetworkMethod} and the classical baselines.
 */
package dev.tacit.optim;
