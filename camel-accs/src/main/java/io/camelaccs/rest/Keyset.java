package io.camelaccs.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.camelaccs.rest.SearchCriteria.Direction;
import io.camelaccs.rest.SearchCriteria.Filter;
import io.camelaccs.rest.SearchCriteria.SortOrder;

/**
 * The order of a search walked by keyset, and the search that continues it after an item: the items sorted by an
 * optional leading field (either direction) and then by the entity id, each page asking for the items after the last
 * one seen, always page 1. Offset paging over data that changes during the walk skips and repeats items (one that
 * leaves the filter shifts every later page back); a keyset position does not move.
 * <p>
 * Commerce filters are an AND of OR-groups, and MySQL sorts NULL first ascending (last descending) while no comparison
 * matches it. "After (v, i)" in the order {@code field ASC, id ASC} is {@code field > v OR (field = v AND id > i)},
 * sent as {@code field gteq v AND (field gt v OR id gt i)}; the other cases are written out in {@link #after}.
 * <p>
 * A walk may be bounded to an id range ({@link #between}, {@link #within}), so that a search can be split into id ranges
 * walked side by side.
 */
public final class Keyset {

    private final SortOrder lead;
    private final String idField;
    private final Direction idDirection;
    private final List<String> itemIdFields;

    private Keyset(SortOrder lead, String idField, Direction idDirection, List<String> itemIdFields) {
        this.lead = lead;
        this.idField = idField;
        this.idDirection = idDirection;
        this.itemIdFields = List.copyOf(itemIdFields);
    }

    /**
     * The keyset for a user's sort, when it has one: no sort, the id alone, or one field optionally followed by the
     * id. A sort on two other fields has none (the id breaks ties only for the last of them).
     *
     * @param idField      the entity id field the search filters and sorts on
     * @param itemIdFields where an item carries its id, in order of preference (products: {@code entity_id}, {@code id})
     */
    public static Optional<Keyset> of(List<SortOrder> userSort, String idField, List<String> itemIdFields) {
        List<SortOrder> sort = new ArrayList<>(userSort);
        Direction idDirection = Direction.ASC;
        if (!sort.isEmpty() && sort.get(sort.size() - 1).field().equals(idField)) {
            idDirection = sort.remove(sort.size() - 1).direction();
        }
        if (sort.stream().anyMatch(s -> s.field().equals(idField)) || sort.size() > 1) {
            return Optional.empty();
        }
        return Optional.of(new Keyset(sort.isEmpty() ? null : sort.get(0), idField, idDirection, itemIdFields));
    }

    /**
     * The user's sort with the id appended as the last key, so that ties keep one order from page to page (the
     * tie-breaker of offset paging when no keyset exists).
     */
    public static List<SortOrder> withTieBreaker(List<SortOrder> userSort, String idField) {
        if (userSort.stream().anyMatch(s -> s.field().equals(idField))) {
            return userSort;
        }
        List<SortOrder> sort = new ArrayList<>(userSort);
        sort.add(new SortOrder(idField, Direction.ASC));
        return sort;
    }

    /** The sort orders the walk sends. */
    public List<SortOrder> sortOrders() {
        return lead == null ? List.of(new SortOrder(idField, idDirection))
                : List.of(lead, new SortOrder(idField, idDirection));
    }

    /** The first page of the walk: the base criteria sorted by the keyset. */
    public SearchCriteria first(SearchCriteria base) {
        return base.withSortOrders(sortOrders()).withCurrentPage(1);
    }

    /** The base criteria narrowed to ids from {@code lowest} to {@code highest} (inclusive; either may be null). */
    public SearchCriteria within(SearchCriteria base, Object lowest, Object highest) {
        SearchCriteria c = base;
        if (lowest != null) {
            c = c.and(List.of(Filter.of(idField, "gteq", lowest)));
        }
        if (highest != null) {
            c = c.and(List.of(Filter.of(idField, "lteq", highest)));
        }
        return c;
    }

    /**
     * The base criteria narrowed to ids from {@code from} (inclusive) to before {@code before} (exclusive; either may
     * be null): ranges that share their bounds, {@code [a, b)} and {@code [b, c)}, hold every id once whatever the
     * ids look like, as Commerce compares them (numbers as numbers, text columns such as increment_id as text).
     */
    public SearchCriteria between(SearchCriteria base, Object from, Object before) {
        SearchCriteria c = base;
        if (from != null) {
            c = c.and(List.of(Filter.of(idField, "gteq", from)));
        }
        if (before != null) {
            c = c.and(List.of(Filter.of(idField, "lt", before)));
        }
        return c;
    }

    /** The next page of the walk: the items after {@code last}, sorted by the keyset, page 1. */
    public SearchCriteria after(SearchCriteria base, Key last) {
        Filter idAfter = Filter.of(idField, idDirection == Direction.ASC ? "gt" : "lt", last.id());
        SearchCriteria c = base;
        if (lead == null) {
            c = c.and(List.of(idAfter));
        } else {
            String f = lead.field();
            String v = last.value();
            boolean ascending = lead.direction() == Direction.ASC;
            if (ascending && v != null) {
                // f > v OR (f = v AND id after): NULLs came first, all behind us
                c = c.and(List.of(Filter.of(f, "gteq", v))).and(List.of(Filter.of(f, "gt", v), idAfter));
            } else if (ascending) {
                // among the leading NULLs: the other NULLs after this id, then every non-NULL value
                c = c.and(List.of(Filter.of(f, "notnull", null), idAfter));
            } else if (v != null) {
                // f < v OR (f = v AND id after) OR f IS NULL, as NULLs come last descending
                c = c.and(List.of(Filter.of(f, "lteq", v), Filter.of(f, "null", null)))
                        .and(List.of(Filter.of(f, "lt", v), idAfter, Filter.of(f, "null", null)));
            } else {
                // among the trailing NULLs
                c = c.and(List.of(Filter.of(f, "null", null))).and(List.of(idAfter));
            }
        }
        return c.withSortOrders(sortOrders()).withCurrentPage(1);
    }

    /**
     * The position of an item, or null when the item does not carry its id (a {@code fields} filter may leave it out).
     * The leading field's value is read from the item's field of that name, else its custom attribute of that code;
     * absent or null, it is taken as NULL, as Commerce leaves null values out of its responses.
     */
    public Key keyOf(Object item) {
        if (!(item instanceof Map<?, ?> map)) {
            return null;
        }
        String id = null;
        for (String name : itemIdFields) {
            id = scalar(map.get(name));
            if (id != null) {
                break;
            }
        }
        if (id == null) {
            return null;
        }
        return new Key(lead == null ? null : scalar(valueOf(map, lead.field())), id);
    }

    /** Whether an item shows the leading field at all (as a value or null), so a NULL is not a field left out. */
    public boolean shows(Object item) {
        return lead == null || item instanceof Map<?, ?> map && (map.containsKey(lead.field())
                                                                || valueOf(map, lead.field()) != null);
    }

    public String idField() {
        return idField;
    }

    /** The leading sort field, or null when the walk is by id alone. */
    public String leadField() {
        return lead == null ? null : lead.field();
    }

    private static Object valueOf(Map<?, ?> item, String field) {
        Object direct = item.get(field);
        if (direct != null) {
            return direct;
        }
        if (item.get("custom_attributes") instanceof List<?> attributes) {
            for (Object a : attributes) {
                if (a instanceof Map<?, ?> attribute && field.equals(attribute.get("attribute_code"))) {
                    return attribute.get("value");
                }
            }
        }
        return null;
    }

    /** A JSON scalar as Commerce compares it (booleans as 1 and 0), or null for null, objects and lists. */
    private static String scalar(Object value) {
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?> || value == null) {
            return null;
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return "keyset " + sortOrders();
    }

    /**
     * A position in the walk.
     *
     * @param value the leading field's value, or null (NULL, or no leading field)
     * @param id    the entity id
     */
    public record Key(String value, String id) {
        public Key {
            Objects.requireNonNull(id, "id");
        }
    }
}
