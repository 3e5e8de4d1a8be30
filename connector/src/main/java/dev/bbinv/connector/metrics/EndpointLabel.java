package dev.bbinv.connector.metrics;

import java.util.List;

/**
 * Names the Bitbucket endpoint a request path belongs to, with few enough values to be a metric tag: the path's
 * variable parts (workspace, project, slug, file path) never appear. Pure.
 */
public final class EndpointLabel {
    private EndpointLabel() {}

    public static String of(String path) {
        List<String> s = List.of(path.replaceAll("^/+|/+$", "").split("/+"));
        int api = s.indexOf("2.0");
        if (api >= 0) {
            return cloud(s.subList(api + 1, s.size()));
        }
        int rest = s.indexOf("1.0");
        if (rest >= 1 && s.get(rest - 1).equals("api")) {
            return dataCenter(s.subList(rest + 1, s.size()));
        }
        int search = s.indexOf("search");
        if (search >= 1 && s.get(search - 1).equals("rest") && s.size() == search + 3) {
            return "search/" + s.get(search + 2); // Data Center's /rest/search/latest/repos-matching-root-file
        }
        return "other";
    }

    /** {@code /2.0/...} after the version. */
    private static String cloud(List<String> s) {
        if (s.isEmpty()) {
            return "other";
        }
        switch (s.get(0)) {
            case "user":
                return s.size() == 1 ? "user" : "user/" + s.get(1);
            case "workspaces":
                return s.size() >= 3 ? "workspaces/" + s.get(2) : "workspaces";
            case "repositories":
                if (s.size() <= 2) {
                    return "repositories";
                }
                return s.size() == 3 ? "repository" : "repository/" + s.get(3);
            default:
                return "other";
        }
    }

    /** {@code /rest/api/1.0/...} after the version. */
    private static String dataCenter(List<String> s) {
        if (s.isEmpty()) {
            return "other";
        }
        switch (s.get(0)) {
            case "projects":
                if (s.size() <= 2) {
                    return s.size() == 1 ? "projects" : "project";
                }
                if (s.get(2).equals("repos")) {
                    if (s.size() == 3) {
                        return "repos";
                    }
                    return s.size() == 4 ? "repo" : "repo/" + s.get(4);
                }
                return "project/" + s.get(2);
            case "admin":
                return s.size() >= 2 ? "admin/" + s.get(1) : "admin";
            case "users":
            case "application-properties":
            case "repos":
                return s.get(0);
            default:
                return "other";
        }
    }
}
