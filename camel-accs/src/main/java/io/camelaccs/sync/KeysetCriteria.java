package io.camelaccs.sync;

import java.util.List;

import io.camelaccs.rest.SearchCriteria;
import io.camelaccs.rest.SearchCriteria.Direction;
import io.camelaccs.rest.SearchCriteria.Filter;
import io.camelaccs.rest.SearchCriteria.SortOrder;

/**
 * The search that continues a sync after a position, by keyset rather than page number: items whose
 * (incremental value, id) pair comes after the position, sorted by that pair, always page 1. Offset paging over a
 * changing catalog skips items (an item updated during the walk moves to the end and shifts every later page); a
 * keyset does not move.
 * <p>
 * Commerce filters are an AND of OR-groups, so "after (v, i)" is written as
 * {@code field gteq v AND (field gt v OR id gt i)}, which is {@code field > v OR (field = v AND id > i)}.
 */
public final class KeysetCriteria {

    private final String field;
    private final String idField;
    private final int pageSize;

    public KeysetCriteria(String field, String idField, int pageSize) {
        this.field = field;
        this.idField = idField;
        this.pageSize = pageSize;
    }

    /** The user's criteria narrowed to the items after the position, sorted by the keyset. */
    public SearchCriteria after(SearchCriteria base, Watermark position) {
        SearchCriteria c = base.and(List.of(Filter.of(field, "gteq", position.value())));
        if (position.id() != null) {
            c = c.and(List.of(Filter.of(field, "gt", position.value()), Filter.of(idField, "gt", position.id())));
        }
        return c.withSortOrders(List.of(new SortOrder(field, Direction.ASC), new SortOrder(idField, Direction.ASC)))
                .withPageSize(pageSize)
                .withCurrentPage(1);
    }

    public String field() {
        return field;
    }

    public String idField() {
        return idField;
    }
}
