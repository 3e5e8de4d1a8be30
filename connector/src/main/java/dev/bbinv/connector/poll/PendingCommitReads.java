package dev.bbinv.connector.poll;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.bbinv.connector.bitbucket.BranchRef;
import dev.bbinv.connector.poll.CommitActivityReader.Target;

/**
 * The repositories of each scope whose commit activity is due and not read yet ({@link CommitActivityReader}), in the
 * connector state's {@link ByteStore}: a first scan of a million repositories has a million due, read in chunks.
 * Not restored at start: the next scan lists what is due again. Thread-safe.
 */
final class PendingCommitReads {
    private static final String PREFIX = EntityStore.OTHER + "commits-due|";

    private final ByteStore store;
    private final Map<ScopeKey, AtomicLong> counts = new ConcurrentHashMap<>();

    PendingCommitReads(ByteStore store) {
        this.store = store;
    }

    void put(ScopeKey scope, Target target) {
        if (store.put(key(scope, target.sourceId()), encode(target))) {
            counts.computeIfAbsent(scope, s -> new AtomicLong()).incrementAndGet();
        }
    }

    void remove(ScopeKey scope, String sourceId) {
        if (store.remove(key(scope, sourceId))) {
            counts.get(scope).decrementAndGet();
        }
    }

    long count(ScopeKey scope) {
        AtomicLong n = counts.get(scope);
        return n == null ? 0 : n.get();
    }

    /** Up to {@code limit} due targets of the scope after {@code after}'s source id (null: from the first). */
    List<Target> page(ScopeKey scope, String after, int limit) {
        List<Target> targets = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : store.page(prefix(scope), after == null ? null : key(scope, after), limit)) {
            targets.add(decode(e.getValue()));
        }
        return targets;
    }

    private static String prefix(ScopeKey scope) {
        return PREFIX + scope.checkpointKey() + "|";
    }

    private static String key(ScopeKey scope, String sourceId) {
        return prefix(scope) + sourceId;
    }

    static byte[] encode(Target target) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(target.sourceId());
            writeNullable(out, target.updatedOn());
            out.writeBoolean(target.ref() != null);
            if (target.ref() != null) {
                writeNullable(out, target.ref().owner());
                writeNullable(out, target.ref().slug());
                writeNullable(out, target.ref().branch());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Target decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            String sourceId = in.readUTF();
            String updatedOn = readNullable(in);
            BranchRef ref = in.readBoolean() ? new BranchRef(readNullable(in), readNullable(in), readNullable(in)) : null;
            return new Target(sourceId, updatedOn, ref);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
