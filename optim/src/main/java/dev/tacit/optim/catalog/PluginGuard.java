package dev.tacit.optim.catalog;

import dev.tacit.api.CompletionMethod;
import dev.tacit.api.Optimizer;
import dev.tacit.api.Penalty;
import dev.tacit.api.Schedule;
import dev.tacit.api.UsageException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * Wraps what a plugin provides so that anything its code throws, while creating a service or during training,
 * becomes a {@link PluginFailure} naming the plugin, instead of an anonymous internal error. Built-in providers are
 * never wrapped.
 *
 * <p>Two failures are the user's, not the plugin's, and stay usage errors: a {@code create} that refuses its settings
 * with an {@link IllegalArgumentException} (a setting the plugin checks itself), and a {@link UsageException} from any
 * call (for example a completion method's setting that does not fit the problem), which names the setting.
 */
final class PluginGuard {

    /** The services a provider creates, which are wrapped in turn. */
    private static final Set<Class<?>> SERVICES = Set.of(Optimizer.class, Penalty.class, Schedule.class,
            CompletionMethod.class);

    private PluginGuard() {
    }

    /**
     * @param type     the interface to expose
     * @param delegate the plugin's object
     * @param plugin   the plugin jar or directory
     * @param name     the name of what the plugin provides
     * @param <T>      the interface
     * @return a proxy that forwards every call and turns what the plugin throws into a {@link PluginFailure}
     */
    static <T> T guard(Class<T> type, T delegate, String plugin, String name) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                new Handler(delegate, plugin, name)));
    }

    /**
     * @param object an object, perhaps a guard
     * @return the plugin's own object behind a guard, or the object itself
     */
    static Object unguarded(Object object) {
        return Proxy.isProxyClass(object.getClass()) && Proxy.getInvocationHandler(object) instanceof Handler h
                ? h.delegate : object;
    }

    /** Forwards to the plugin's object and names the plugin in whatever it throws. */
    private static final class Handler implements InvocationHandler {
        private final Object delegate;
        private final String plugin;
        private final String name;

        Handler(Object delegate, String plugin, String name) {
            this.delegate = delegate;
            this.plugin = plugin;
            this.name = name;
        }

        /** Whether the plugin's class implements this default method itself. */
        private boolean overridden(Method method) {
            try {
                return !delegate.getClass().getMethod(method.getName(), method.getParameterTypes()).isDefault();
            } catch (NoSuchMethodException e) {
                return false;
            }
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> self == args[0];
                    case "hashCode" -> System.identityHashCode(self);
                    default -> "plugin " + name + " (" + plugin + ")";
                };
            }
            if (method.isDefault() && !overridden(method)) {
                // An interface's default method (ServiceProvider.create(Map), Penalty.value) runs on the proxy, so
                // the calls it makes (create(Settings), evaluate) come back through this guard too. One the plugin
                // overrides (CompletionMethod.stopsOnRequest, say) is the plugin's to answer, and goes to it below.
                return InvocationHandler.invokeDefault(self, method, args);
            }
            Object result;
            try {
                result = method.invoke(delegate, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof VirtualMachineError vme) {
                    throw vme;
                }
                if (cause instanceof UsageException usage) {
                    throw usage;
                }
                if (method.getName().equals("create") && cause instanceof IllegalArgumentException bad) {
                    throw new UsageException("bad settings for " + name + " (plugin " + plugin + "): "
                            + bad.getMessage(), bad);
                }
                throw new PluginFailure(plugin, name, method.getName(), cause);
            }
            if (result == null && method.getName().equals("create")) {
                // Not the user's mistake and not Tacit's: name the plugin now rather than fail later on a null.
                throw new PluginFailure(plugin, name, method.getName(), new NullPointerException("it returned null "
                        + "instead of a configured service"));
            }
            // create(Settings) is declared to return the generic T, so look at what came back, not the signature.
            for (Class<?> service : SERVICES) {
                if (service.isInstance(result) && !Proxy.isProxyClass(result.getClass())) {
                    return guard(cast(service), result, plugin, name);
                }
            }
            return result;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> cast(Class<?> c) {
        return (Class<T>) c;
    }
}
