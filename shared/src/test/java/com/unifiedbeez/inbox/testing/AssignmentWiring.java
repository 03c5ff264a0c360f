package com.unifiedbeez.inbox.testing;

import com.unifiedbeez.inbox.assignment.AgentAvailability;
import com.unifiedbeez.inbox.assignment.ArrivalRouting;
import com.unifiedbeez.inbox.assignment.AssignmentStore;
import com.unifiedbeez.inbox.assignment.AssignmentSweep;
import com.unifiedbeez.inbox.assignment.AutoAssigner;
import com.unifiedbeez.inbox.assignment.ConversationClaimer;
import com.unifiedbeez.inbox.assignment.ConversationRouter;
import com.unifiedbeez.inbox.assignment.Handover;
import com.unifiedbeez.inbox.assignment.RoutingStore;
import com.unifiedbeez.inbox.assignment.TouchDeadlines;
import com.unifiedbeez.inbox.conversation.ConversationAssigner;
import com.unifiedbeez.inbox.conversation.ConversationStore;
import com.unifiedbeez.inbox.event.DomainEvents;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.settings.SettingsResolver;
import com.unifiedbeez.inbox.settings.SettingsStore;
import java.time.Clock;

/** The real assignment wiring for tests that build services by hand (no Dagger component). */
public record AssignmentWiring(AutoAssigner assigner, ConversationRouter router, ArrivalRouting arrivals,
                               AgentAvailability availability, TouchDeadlines deadlines, AssignmentSweep sweep,
                               ConversationClaimer claimer, ConversationAssigner conversationAssigner) {

    public static AssignmentWiring of(Database database, DomainEvents events, Clock clock) {
        AssignmentStore store = new AssignmentStore();
        RoutingStore routing = new RoutingStore(events);
        ConversationStore conversations = new ConversationStore(events);
        SettingsResolver settings = new SettingsResolver(new SettingsStore(events));
        AutoAssigner assigner = new AutoAssigner(store, routing, conversations, settings, clock);
        ConversationRouter router = new ConversationRouter(database, store, routing, assigner);
        AgentAvailability availability = new AgentAvailability(database, store, routing, assigner, router);
        TouchDeadlines deadlines = new TouchDeadlines(database, store, routing, assigner, conversations, events);
        Handover handover = new Handover(conversations, routing, store, settings, assigner);
        return new AssignmentWiring(assigner, router, new ArrivalRouting(routing, settings, assigner), availability,
                deadlines, new AssignmentSweep(database, deadlines, availability, routing, router),
                new ConversationClaimer(database, handover, conversations),
                new ConversationAssigner(database, conversations, routing, handover));
    }

    public static AssignmentWiring of(Database database, DomainEvents events) {
        return of(database, events, Clock.systemUTC());
    }
}
