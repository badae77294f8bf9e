package io.camelaccs.component;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a search into id ranges at ids read from real items: the lowest id and the ids found at the quantiles of the
 * search sorted by id (page {@code k * total / n + 1} of one item). The ranges {@code [null, b1), [b1, b2), ...,
 * [b(n-1), null)} cover every id whatever Commerce's order of them is, numbers or text (an increment_id "99" sorts
 * after "100"): no arithmetic on ids, and ranges balanced by count rather than by id span.
 * <p>
 * Boundaries are dropped where they would not split anything: an equal or a lower one (the data changed between the
 * searches), which would only make ranges overlap and items come twice. Dropping one merges two ranges and never loses
 * an item. "Lower" is judged in the order the ids came in: Commerce sorted them, so numerically when they ascend as
 * numbers, else as text when they ascend as text; otherwise only a boundary above the last one in both orders stays.
 */
final class RangeBoundaries {

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Comparator<String> TEXT = Comparator.naturalOrder();
    private static final Comparator<String> NUMERIC = Comparator.comparing(BigInteger::new);

    private RangeBoundaries() {
    }

    /**
     * @param lowest    the lowest id of the search
     * @param quantiles the ids at the quantiles in ascending position (null where a page came back empty)
     */
    static List<ParallelPages.Range> ranges(String lowest, List<String> quantiles) {
        List<String> found = new ArrayList<>();
        found.add(lowest);
        quantiles.stream().filter(q -> q != null).forEach(found::add);
        Comparator<String> order = orderOf(found);
        List<ParallelPages.Range> ranges = new ArrayList<>();
        String from = null;
        String previous = lowest;
        for (String b : found.subList(1, found.size())) {
            if (above(b, previous, order)) {
                ranges.add(new ParallelPages.Range(from, b));
                from = b;
                previous = b;
            }
        }
        ranges.add(new ParallelPages.Range(from, null));
        return ranges;
    }

    private static Comparator<String> orderOf(List<String> ids) {
        if (ids.stream().allMatch(id -> INTEGER.matcher(id).matches()) && ascending(ids, NUMERIC)) {
            return NUMERIC;
        }
        return ascending(ids, TEXT) ? TEXT : null;
    }

    private static boolean ascending(List<String> ids, Comparator<String> order) {
        for (int i = 1; i < ids.size(); i++) {
            if (order.compare(ids.get(i - 1), ids.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean above(String id, String previous, Comparator<String> order) {
        if (order != null) {
            return order.compare(id, previous) > 0;
        }
        boolean numbers = INTEGER.matcher(id).matches() && INTEGER.matcher(previous).matches();
        return TEXT.compare(id, previous) > 0 && (!numbers || NUMERIC.compare(id, previous) > 0);
    }
}
