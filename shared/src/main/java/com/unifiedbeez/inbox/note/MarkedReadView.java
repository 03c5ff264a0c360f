package com.unifiedbeez.inbox.note;

/** POST /mentions/read-all: how many of the caller's mentions were unread and are read now. */
public record MarkedReadView(int markedRead) {
}
