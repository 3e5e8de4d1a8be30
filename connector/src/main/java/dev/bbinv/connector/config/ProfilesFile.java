package dev.bbinv.connector.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the YAML integration profiles file, substitutes {@code ${ENV}} references in values and validates every
 * profile up front; every problem found is reported at once, each naming the profile and the key.
 */
public final class ProfilesFile {
    /** Reads and validates {@code file}, substituting from the process environment. */
    public static List<Profile> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProfilesFileException("cannot read profiles file " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), text, System.getenv());
    }

    /** Parses and validates profiles from YAML text; {@code env} supplies {@code ${VAR}} values. Pure. */
    public static List<Profile> parse(String source, String yaml, Map<String, String> env) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(1024 * 1024);
            root = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new ProfilesFileException(source, List.of("not valid YAML: " + firstLine(e.getMessage())));
        }
        List<String> problems = new ArrayList<>();
        if (!(root instanceof Map<?, ?> top) || !(top.get("profiles") instanceof List<?> entries)) {
            throw new ProfilesFileException(source, List.of("key 'profiles' is missing: expected a list of profiles"));
        }
        for (Object key : top.keySet()) {
            if (!"profiles".equals(key)) {
                problems.add("unknown top-level key '" + key + "' (allowed: profiles)");
            }
        }
        List<Profile> profiles = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            int number = i + 1;
            if (!(entries.get(i) instanceof Map<?, ?> raw)) {
                problems.add("profile #" + number + ": expected a mapping of keys");
                continue;
            }
            ProfileReader reader = new ProfileReader(number, raw, env, problems);
            Profile profile = reader.read();
            if (reader.name() != null) {
                Integer earlier = seen.putIfAbsent(reader.name(), number);
                if (earlier != null) {
                    problems.add(reader.label() + ": key 'name': duplicate of profile #" + earlier);
                    continue;
                }
            }
            if (profile != null) {
                profiles.add(profile);
            }
        }
        if (!problems.isEmpty()) {
            throw new ProfilesFileException(source, problems);
        }
        return List.copyOf(profiles);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private ProfilesFile() {}
}
