package dev.tacit.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A value of a closed set that users choose by name (a model, a protocol, a scaling): an enum whose constants carry
 * the lower-case name users write, shown in help texts and reports.
 */
public interface Named {

    /** @return the name users write, lower case */
    String label();

    /**
     * @param type    the enum
     * @param setting the setting being parsed, for the error, for example {@code scaling}
     * @param text    what the user wrote; case does not matter
     * @param <E>     the enum
     * @return the constant with that name
     * @throws InvalidValueException naming the setting and every accepted name
     */
    static <E extends Enum<E> & Named> E parse(Class<E> type, String setting, String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.label().equals(wanted)) {
                return e;
            }
        }
        throw new InvalidValueException(setting, text, "one of " + labels(type));
    }

    /**
     * @param type the enum
     * @param <E>  the enum
     * @return its names in declaration order, comma separated
     */
    static <E extends Enum<E> & Named> String labels(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Named::label).collect(Collectors.joining(", "));
    }
}
