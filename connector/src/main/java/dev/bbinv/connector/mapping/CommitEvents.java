package dev.bbinv.connector.mapping;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.bbinv.schemas.avro.RawCommitActivityEvent;
import dev.bbinv.schemas.avro.RawCommitSummary;

/**
 * Pure: Bitbucket commit objects → {@link RawCommitSummary}, and a repository's read → {@link RawCommitActivityEvent}.
 * Which function applies to which flavour is the dialect's decision. No I/O, no clock.
 */
public final class CommitEvents {

    private CommitEvents() {}

    /**
     * A Cloud commit: {@code hash}, {@code date} (ISO-8601 with offset), {@code author.raw} and, when Bitbucket matched
     * the author to an account, {@code author.user}. Throws {@link IllegalArgumentException} without hash or date.
     */
    public static RawCommitSummary cloud(JsonNode commit) {
        String hash = required(commit, "hash");
        Instant date;
        try {
            date = OffsetDateTime.parse(required(commit, "date")).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("commit " + hash + " has an unreadable date '" + commit.path("date")
                    .asText() + "'", e);
        }
        JsonNode author = commit.path("author");
        String raw = text(author, "raw");
        JsonNode user = author.path("user");
        String uuid = text(user, "uuid");
        String username = text(user, "nickname");
        return RawCommitSummary.newBuilder()
                .setHash(hash)
                .setCommittedAt(date)
                .setAuthorRaw(raw)
                .setAuthorName(rawName(raw))
                .setAuthorEmail(rawEmail(raw))
                .setAuthorUserId(uuid)
                .setAuthorUsername(uuid == null ? null : username != null ? username : text(user, "account_id"))
                .setAuthorDisplayName(uuid == null ? null : text(user, "display_name"))
                .setAuthorUrl(uuid == null ? null : text(user.path("links").path("html"), "href"))
                .build();
    }

    /**
     * A Data Center commit: {@code id}, {@code authorTimestamp} (epoch milliseconds) and {@code author}, a user
     * (with {@code id}, {@code slug}, {@code displayName}) when Bitbucket linked one, else only name and email.
     */
    public static RawCommitSummary dataCenter(JsonNode commit) {
        String hash = required(commit, "id");
        JsonNode timestamp = commit.get("authorTimestamp");
        if (timestamp == null || !timestamp.canConvertToLong()) {
            throw new IllegalArgumentException("commit " + hash + " has no authorTimestamp");
        }
        JsonNode author = commit.path("author");
        String name = text(author, "name");
        String email = text(author, "emailAddress");
        String id = author.hasNonNull("id") ? author.get("id").asText() : null;
        String slug = text(author, "slug");
        String display = text(author, "displayName");
        JsonNode self = author.path("links").path("self");
        return RawCommitSummary.newBuilder()
                .setHash(hash)
                .setCommittedAt(Instant.ofEpochMilli(timestamp.asLong()))
                .setAuthorRaw(name == null ? null : email == null ? name : name + " <" + email + ">")
                .setAuthorName(display != null ? display : name)
                .setAuthorEmail(email)
                .setAuthorUserId(id)
                .setAuthorUsername(id == null ? null : slug != null ? slug : name)
                .setAuthorDisplayName(id == null ? null : display)
                .setAuthorUrl(id == null || !self.isArray() || self.isEmpty() ? null : text(self.get(0), "href"))
                .build();
    }

    /**
     * One repository's read: {@code newest} is the branch tip (null: no commit), {@code window} the commits inside
     * the window, newest first.
     */
    public static RawCommitActivityEvent activity(ScanContext scan, String repositorySourceId, String branch,
            int windowDays, RawCommitSummary newest, List<RawCommitSummary> window, boolean windowComplete,
            Instant fetchedAt) {
        return RawCommitActivityEvent.newBuilder()
                .setEnvelope(RawEvents.envelope(scan, fetchedAt, null))
                .setRepositorySourceId(repositorySourceId)
                .setBranch(newest == null ? null : branch)
                .setWindowDays(windowDays)
                .setLastCommitAt(newest == null ? null : newest.getCommittedAt())
                .setLastCommitHash(newest == null ? null : newest.getHash())
                .setCommits(List.copyOf(window))
                .setWindowComplete(windowComplete)
                .build();
    }

    /** The name part of a git author line {@code Name <email>}; the whole line when it has no email. */
    static String rawName(String raw) {
        if (raw == null) {
            return null;
        }
        int lt = raw.indexOf('<');
        String name = (lt < 0 ? raw : raw.substring(0, lt)).trim();
        return name.isEmpty() ? null : name;
    }

    /** The email part of a git author line {@code Name <email>}, or null. */
    static String rawEmail(String raw) {
        if (raw == null) {
            return null;
        }
        int lt = raw.indexOf('<');
        int gt = raw.indexOf('>', lt + 1);
        if (lt < 0 || gt < 0) {
            return null;
        }
        String email = raw.substring(lt + 1, gt).trim();
        return email.isEmpty() ? null : email;
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a commit without " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
