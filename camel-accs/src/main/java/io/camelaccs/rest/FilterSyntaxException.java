package io.camelaccs.rest;

/**
 * A {@code filter} or {@code sortOrders} text that does not parse. The message names the column, what was expected
 * and what was found, then shows the text with a caret under the column, so it reads well in a route's error log.
 */
public class FilterSyntaxException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String input;
    private final int column;

    /**
     * @param message the full message, caret lines included
     * @param input   the text that failed to parse
     * @param column  1-based column of the offending character ({@code input.length() + 1} at the end of the input)
     */
    public FilterSyntaxException(String message, String input, int column) {
        super(message);
        this.input = input;
        this.column = column;
    }

    /** The 1-based column the error points at; one past the last character when the input ended too early. */
    public int getColumn() {
        return column;
    }

    /** The text that failed to parse. */
    public String getInput() {
        return input;
    }
}
