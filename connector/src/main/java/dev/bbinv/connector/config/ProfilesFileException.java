package dev.bbinv.connector.config;

import java.util.List;

/** A profiles file that cannot be used, with every problem found, each naming the profile and the key. */
public final class ProfilesFileException extends RuntimeException {
    private final List<String> problems;

    public ProfilesFileException(String source, List<String> problems) {
        super("invalid profiles file " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public ProfilesFileException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of(message);
    }

    public List<String> problems() {
        return problems;
    }
}
