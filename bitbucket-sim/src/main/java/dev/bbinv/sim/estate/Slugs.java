package dev.bbinv.sim.estate;

import java.util.Locale;

/** Derives a repository slug from its name the way Bitbucket does for simple names; pure. */
public final class Slugs {
    private Slugs() {
    }

    public static String of(String name) {
        String s = name.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        s = s.replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
        if (s.isEmpty()) {
            throw new IllegalArgumentException("name '" + name + "' gives an empty slug");
        }
        return s;
    }
}
