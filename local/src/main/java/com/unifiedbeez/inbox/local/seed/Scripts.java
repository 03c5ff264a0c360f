package com.unifiedbeez.inbox.local.seed;

import java.util.List;

/** What demo customers and agents say: a few support topics, each a short back-and-forth. */
final class Scripts {
    /** One topic: an email subject, the customer's lines, the agent's lines, and the label it earns. */
    record Topic(String subject, List<String> inbound, List<String> outbound, String label) {
        String inbound(int i, String first, int order) {
            return fill(inbound.get(Math.min(i, inbound.size() - 1)), first, order);
        }

        String outbound(int i, String first, int order) {
            return fill(outbound.get(Math.min(i, outbound.size() - 1)), first, order);
        }

        String subject(int order) {
            return fill(subject, "", order);
        }

        private static String fill(String text, String first, int order) {
            return text.replace("{first}", first).replace("{order}", Integer.toString(order));
        }
    }

    static final List<Topic> TOPICS = List.of(
            new Topic("Where is my order #A{order}?",
                    List.of("Hi, I ordered a blender last week (order #A{order}) and it still hasn't arrived. Can you check?",
                            "The tracking page says 'label created' since Monday, nothing since.",
                            "Great, thanks for checking. Any idea when it will be delivered?",
                            "Perfect, thank you!"),
                    List.of("Hi {first}, sorry for the wait! Let me look up order #A{order} for you.",
                            "I checked with the carrier: the parcel was held at the sorting centre and is moving again.",
                            "It should be delivered within 2 business days. You'll get tracking updates by email.",
                            "You're welcome! Anything else I can help with?"),
                    null),
            new Topic("Refund for order #A{order}",
                    List.of("I returned the headphones two weeks ago and haven't received my refund yet.",
                            "It's order #A{order}. I dropped the parcel off at the post office on the 3rd.",
                            "OK. How long does it take to show up on my card?",
                            "Got it, thanks."),
                    List.of("Hi {first}, thanks for reaching out. Can you confirm the order number for the return?",
                            "Thanks! The return reached our warehouse yesterday. I've just issued a refund of $89.00.",
                            "Refunds usually appear on your statement within 3-5 business days, depending on your bank.",
                            "Glad I could help. Have a great day!"),
                    "Refund"),
            new Topic("Can't log in",
                    List.of("I can't log into my account, it keeps saying my password is wrong.",
                            "I tried resetting it but the email never arrives.",
                            "Found it, it was in spam. I'm in now!",
                            "Thanks so much"),
                    List.of("Sorry about that, {first}! Which email address is on the account?",
                            "I've sent a new reset link. Please check your spam folder too, it sometimes lands there.",
                            "Great to hear! I'd recommend turning on two-factor authentication in Settings > Security.",
                            "Any time!"),
                    null),
            new Topic("Charged twice this month",
                    List.of("Hello, I was charged twice for my subscription this month.",
                            "Both charges are $29.99, on the 1st.",
                            "Thank you, that's a relief.",
                            "👍"),
                    List.of("Hi {first}, I'm sorry about the double charge. Let me check your billing history.",
                            "You're right, the payment went through twice. I've refunded the second charge of $29.99.",
                            "You'll get a confirmation email shortly. Sorry again for the trouble!",
                            "Take care!"),
                    "Billing"),
            new Topic("Question about the Pro plan",
                    List.of("Does the Pro plan include API access?",
                            "And is there a limit on the number of requests?",
                            "Can I switch from monthly to yearly billing later?",
                            "Thanks, that answers everything."),
                    List.of("Hi {first}! Yes, the Pro plan includes full API access.",
                            "Pro allows 100,000 requests per month; you can add extra blocks if you need more.",
                            "Yes, you can switch to yearly at any time and we'll prorate the difference.",
                            "Happy to help! Let me know if you'd like a demo."),
                    null),
            new Topic("Change delivery address for #A{order}",
                    List.of("Can I change the delivery address on my order? I'm moving this week.",
                            "The new address is 42 Elm Street, Springfield.",
                            "Yes, same postcode.",
                            "Thank you!"),
                    List.of("Hi {first}, sure. Order #A{order} hasn't shipped yet, so I can update it. What's the new address?",
                            "Thanks! Just to confirm: 42 Elm Street, Springfield. Is the postcode the same?",
                            "Done, the order will ship to the new address.",
                            "You're welcome, good luck with the move!"),
                    null),
            new Topic("App crashes when uploading photos",
                    List.of("The app crashes every time I try to upload a photo.",
                            "iPhone 13, iOS 17.4, latest version of the app.",
                            "Yes, it happens with every photo.",
                            "OK, I'll wait for the update."),
                    List.of("Thanks for reporting this, {first}. Which device and app version are you using?",
                            "Thank you. Does it happen with every photo or only with large ones?",
                            "I've reproduced it and passed it to our engineers. A fix is planned for the next release.",
                            "We'll message you as soon as it's out. Sorry for the inconvenience!"),
                    "Bug"),
            new Topic("CSV export?",
                    List.of("Is there a way to export my data to CSV?",
                            "That would be really useful for our monthly reports.",
                            "Sounds good, thanks!",
                            "Cheers"),
                    List.of("Hi {first}, CSV export isn't available yet, but it's on our roadmap.",
                            "I've added your vote to the feature request so the product team sees the demand.",
                            "I'll let you know when it ships!",
                            "Have a good one!"),
                    "Feature request"),
            new Topic("Cancel my subscription",
                    List.of("I'd like to cancel my subscription please.",
                            "It's just too expensive for us right now.",
                            "Hmm, 50% off for 3 months would work actually.",
                            "Yes please, go ahead."),
                    List.of("Sorry to hear you want to leave, {first}. May I ask what the main reason is?",
                            "I understand. I can offer you 50% off for the next 3 months if you'd like to stay.",
                            "Great! Shall I apply the discount to your account now?",
                            "Done! The discount applies from your next invoice."),
                    "Billing"),
            new Topic("Damaged delivery, order #A{order}",
                    List.of("My package arrived damaged: the box was crushed and the mug inside is broken.",
                            "Sure, I've just sent the photos.",
                            "A replacement would be great.",
                            "Thank you for sorting this out so quickly!"),
                    List.of("Oh no, I'm really sorry, {first}! Could you send a photo of the damage?",
                            "Thanks for the photos. Would you prefer a replacement or a refund?",
                            "I've sent a replacement with express shipping; no need to return the broken one.",
                            "My pleasure. Enjoy your new mug!"),
                    null));

    static final List<String> NOTES = List.of(
            "@%s can you double-check the carrier status before we reply?",
            "@%s this customer was promised a callback yesterday, please follow up.",
            "@%s refund approved by finance, you can confirm it to the customer.",
            "@%s looks like the same bug as last week's ticket, can you link them?",
            "@%s VIP account: please handle with priority.",
            "@%s customer asked for a manager; can you take over?");

    static final List<String> FIRST_NAMES = List.of(
            "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Sophia", "Elijah", "Isabella", "Lucas",
            "Mia", "Mateo", "Ava", "Leo", "Chloe", "Arjun", "Yuki", "Fatima", "Diego", "Zara",
            "Kofi", "Ingrid", "Hiro", "Amara", "Luca", "Nadia", "Omar", "Freya", "Ravi", "Elena");

    static final List<String> LAST_NAMES = List.of(
            "Smith", "Johnson", "Garcia", "Müller", "Rossi", "Kowalski", "Nguyen", "Okafor", "Silva", "Tanaka",
            "Dubois", "Patel", "Andersson", "Kim", "Haddad", "Novak", "Fischer", "Lopez", "Brown", "Ivanova",
            "Mensah", "Larsen", "Costa", "Sato", "Schmidt", "Ali", "Moreau", "Wilson", "Chen", "O'Brien");

    private Scripts() {
    }
}
