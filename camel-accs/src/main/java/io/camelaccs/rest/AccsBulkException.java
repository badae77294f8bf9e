package io.camelaccs.rest;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.RuntimeCamelException;

/**
 * Operations of an asynchronous or bulk request failed, or did not finish in time.
 */
public class AccsBulkException extends RuntimeCamelException {

    private static final long serialVersionUID = 1L;

    /**
     * One failed operation of a bulk.
     *
     * @param id      the operation's index in the bulk (its position in the request body array)
     * @param status  2 failed (retriable), 3 failed (must change before retry), 5 rejected
     * @param message Commerce's result message
     */
    public record FailedOperation(long id, int status, String message) {
        /** What the status means. */
        public String statusText() {
            return switch (status) {
                case 2 -> "failed, retriable";
                case 3 -> "failed, must be changed before a retry";
                case 5 -> "rejected";
                default -> "status " + status;
            };
        }
    }

    private final String bulkUuid;
    private final transient List<FailedOperation> failed;

    public AccsBulkException(String bulkUuid, String message, List<FailedOperation> failed) {
        super(message + (failed.isEmpty() ? "" : ": " + failed.stream()
                .map(f -> "operation " + f.id() + " " + f.statusText() + " (" + f.message() + ")")
                .collect(Collectors.joining("; "))));
        this.bulkUuid = bulkUuid;
        this.failed = List.copyOf(failed);
    }

    public String getBulkUuid() {
        return bulkUuid;
    }

    public List<FailedOperation> getFailedOperations() {
        return failed;
    }
}
