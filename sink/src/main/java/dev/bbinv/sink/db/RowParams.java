package dev.bbinv.sink.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets parameters in order, so that row binders need no index arithmetic: on a statement, or (PostgreSQL's
 * unnest) into one list per column, noting each column's SQL type from the first row.
 */
final class RowParams {
    private final PreparedStatement ps;
    private final List<List<Object>> values;
    private final List<String> types;
    private int next = 1;

    RowParams(PreparedStatement ps) {
        this.ps = ps;
        this.values = null;
        this.types = null;
    }

    private RowParams(int columns, int rows) {
        this.ps = null;
        this.values = new ArrayList<>(columns);
        this.types = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            values.add(new ArrayList<>(rows));
        }
    }

    /** Values kept column by column instead of bound: for unnest arrays, or to compare rows. */
    static RowParams collecting(int columns, int rows) {
        return new RowParams(columns, rows);
    }

    /** Starts the next row: its first value is column 0 again. */
    void nextRow() {
        next = 1;
    }

    /** A collected value. */
    Object value(int column, int row) {
        return values.get(column).get(row);
    }

    /** The collected values of one column, in row order. */
    List<Object> column(int column) {
        return values.get(column);
    }

    /** The SQL type of each collected column, as its first row set it. */
    List<String> types() {
        return types;
    }

    private void add(String type, Object value) {
        int column = next++ - 1;
        if (column == types.size()) {
            types.add(type);
        }
        values.get(column).add(value);
    }

    RowParams string(String value) throws SQLException {
        if (ps == null) {
            add("text", value);
            return this;
        }
        ps.setString(next++, value);
        return this;
    }

    RowParams bool(boolean value) throws SQLException {
        if (ps == null) {
            add("bool", value);
            return this;
        }
        ps.setBoolean(next++, value);
        return this;
    }

    RowParams nullableBool(Boolean value) throws SQLException {
        if (ps == null) {
            add("bool", value);
            return this;
        }
        if (value == null) {
            ps.setNull(next++, Types.BOOLEAN);
        } else {
            ps.setBoolean(next++, value);
        }
        return this;
    }

    RowParams integer(int value) throws SQLException {
        if (ps == null) {
            add("int4", value);
            return this;
        }
        ps.setInt(next++, value);
        return this;
    }

    RowParams bigint(long value) throws SQLException {
        if (ps == null) {
            add("int8", value);
            return this;
        }
        ps.setLong(next++, value);
        return this;
    }
}
