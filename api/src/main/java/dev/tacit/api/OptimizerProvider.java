package dev.tacit.api;

/**
 * The service interface for optimizers, found with {@link java.util.ServiceLoader}. Its hyperparameters conventionally
 * include {@code lr}, the base learning rate.
 */
public interface OptimizerProvider extends ServiceProvider<Optimizer> {
}
