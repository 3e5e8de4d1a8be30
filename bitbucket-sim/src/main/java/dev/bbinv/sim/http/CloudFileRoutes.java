package dev.bbinv.sim.http;

import dev.bbinv.sim.estate.CloudRepo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;

/** Cloud's file reads: {@code /repositories/{ws}/{slug}/src/{commit}/{path}} as raw bytes with an ETag. */
final class CloudFileRoutes {

    /** {@code {commit}} is the main branch name or the head commit's id, abbreviated or not. */
    SimResponse src(SimRequest req, CloudRepo r) {
        String commit = req.segments().get(4);
        if (!commit.equals(r.mainbranch()) && !Revisions.abbreviates(commit, r.headCommit())) {
            return CloudApi.error(404, "Commit not found",
                    "Commit '" + commit + "' does not exist in " + r.fullName());
        }
        String path = String.join("/", req.segments().subList(5, req.segments().size()));
        String content = r.files().get(path);
        if (content == null) {
            return CloudApi.error(404, "No such file or directory: " + path, null);
        }
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String name = path.substring(path.lastIndexOf('/') + 1);
        SimResponse resp = new SimResponse(200, contentType(name), new LinkedHashMap<>(), bytes);
        return resp.header("ETag", "\"" + sha1(bytes) + "\"")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    private static String contentType(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return "application/x-yaml";
        }
        if (lower.endsWith(".json")) {
            return "application/json";
        }
        return "text/plain";
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }
}
