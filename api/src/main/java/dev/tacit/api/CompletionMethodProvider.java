package dev.tacit.api;

/**
 * The service interface for completion methods, found with {@link java.util.ServiceLoader}. Its name is what users
 * write after {@code --method}; its hyperparameters are what they set with {@code --method-opt key=value}.
 */
public interface CompletionMethodProvider extends ServiceProvider<CompletionMethod> {
}
