package io.camelaccs.component;

import java.io.IOException;
import java.util.List;

import io.camelaccs.rest.Keyset;
import io.camelaccs.rest.PageIterator;
import io.camelaccs.rest.SearchCriteria;

/**
 * The pages after the first of a fetchAll walked by keyset: each asks for the items after the last one seen, always
 * page 1, so items that leave the filter or arrive during the walk shift nothing.
 */
final class KeysetPages implements PageIterator.PageSource {

    /** Sends one search. */
    @FunctionalInterface
    interface Search {
        PageIterator.Page fetch(SearchCriteria criteria) throws IOException;
    }

    private final Search search;
    private final SearchCriteria base;
    private final Keyset keyset;
    private Keyset.Key last;

    /**
     * @param base the user's criteria (filter, page size), without the keyset's conditions
     * @param last the position of the last item of the first page
     */
    KeysetPages(Search search, SearchCriteria base, Keyset keyset, Keyset.Key last) {
        this.search = search;
        this.base = base;
        this.keyset = keyset;
        this.last = last;
    }

    /** The position of the last item, when every item of the page carries one (and the leading field shows). */
    static Keyset.Key lastKeyOf(Keyset keyset, List<Object> items) {
        Keyset.Key key = null;
        boolean shown = keyset.leadField() == null;
        for (Object item : items) {
            key = keyset.keyOf(item);
            if (key == null) {
                return null;
            }
            shown |= keyset.shows(item);
        }
        return shown ? key : null;
    }

    @Override
    public PageIterator.Page fetch(int pageNumber) throws IOException {
        PageIterator.Page page = search.fetch(keyset.after(base, last));
        Keyset.Key key = null;
        for (Object item : page.items()) {
            key = keyset.keyOf(item);
            if (key == null) {
                throw new IllegalStateException("fetchAll pages by " + keyset + ", and an item of page " + pageNumber
                                                + " has no '" + keyset.idField() + "': keep it in option fields");
            }
            if (key.equals(last)) {
                // the very position the page had to start after (an updated item moves on with a new sort value):
                // Commerce ignored the condition on the id
                throw new IllegalStateException("fetchAll pages by " + keyset + ", but Commerce answered the page after "
                                                + keyset.idField() + " " + last.id() + " with that item again: the"
                                                + " resource does not filter on '" + keyset.idField()
                                                + "'. Set option idField to the field it filters its ids by");
            }
        }
        if (key != null) {
            last = key;
        }
        return page;
    }

    @Override
    public boolean countsFromEachPage() {
        return true;
    }
}
