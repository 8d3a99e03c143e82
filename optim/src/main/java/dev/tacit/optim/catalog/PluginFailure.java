package dev.tacit.optim.catalog;

/**
 * Code from a plugin threw: the failure names the plugin, what it provides and the call that failed, so users know
 * whom to blame and which plugin to remove or fix.
 */
public final class PluginFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String plugin;
    private final String provider;
    private final String call;

    /**
     * @param plugin   the plugin jar or directory
     * @param provider the name of the optimizer, penalty or schedule it provides
     * @param call     the method that threw, for example {@code step}
     * @param cause    what it threw
     */
    public PluginFailure(String plugin, String provider, String call, Throwable cause) {
        super("the plugin " + plugin + " failed: '" + provider + "' threw in " + call + "(): "
                + (cause.getMessage() == null ? cause.getClass().getName() : cause.getClass().getSimpleName() + ": "
                + cause.getMessage()), cause);
        this.plugin = plugin;
        this.provider = provider;
        this.call = call;
    }

    /** @return the plugin jar or directory */
    public String plugin() {
        return plugin;
    }

    /** @return the name of what it provides */
    public String provider() {
        return provider;
    }

    /** @return the method that threw */
    public String call() {
        return call;
    }
}
