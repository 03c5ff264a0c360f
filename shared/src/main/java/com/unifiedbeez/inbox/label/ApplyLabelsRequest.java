package com.unifiedbeez.inbox.label;

import java.util.List;

/** POST .../:id/labels: the labels to add (labels already on the conversation stay). */
public record ApplyLabelsRequest(List<String> labelIds) {
    public static final int MAX_LABELS = 50;
}
