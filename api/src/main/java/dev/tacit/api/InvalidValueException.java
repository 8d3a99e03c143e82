package dev.tacit.api;

/**
 * A setting has a value outside what it accepts. The setting is named as users write it in snake case
 * ({@code init_scale}); the command line shows it as its option ({@code --init-scale}).
 */
public final class InvalidValueException extends UsageException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String value;
    private final String requirement;

    /**
     * @param setting     the setting's name, for example {@code rank}
     * @param value       the rejected value
     * @param requirement what it must be, completing "must be ...", for example {@code between 1 and 100}
     */
    public InvalidValueException(String setting, Object value, String requirement) {
        super(setting + " must be " + requirement + ", got " + value);
        this.setting = setting;
        this.value = String.valueOf(value);
        this.requirement = requirement;
    }

    /** @return the setting's name */
    public String setting() {
        return setting;
    }

    /** @return the rejected value as text */
    public String value() {
        return value;
    }

    /** @return what the value must be */
    public String requirement() {
        return requirement;
    }
}
