package com.unifiedbeez.inbox.bench;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What the generated customers and agents say: support phrases per topic, with slots filled from
 * Zipf-weighted lists, so full-text search meets very common words ("order", "refund"), middling
 * ones (product names) and rare ones (the {@link #RARE} sentences, each a handful of messages).
 */
final class Vocabulary {
    private Vocabulary() {
    }

    static final List<String> FIRST_NAMES = List.of(
            "Olivia", "Liam", "Emma", "Noah", "Amelia", "Oliver", "Ava", "Elijah", "Sophia", "James",
            "Isabella", "William", "Mia", "Benjamin", "Charlotte", "Lucas", "Harper", "Henry", "Evelyn", "Theodore",
            "Margaret", "Margarita", "Marguerite", "Mohammed", "Aisha", "Fatima", "Omar", "Yusuf", "Zainab", "Ibrahim",
            "Chidi", "Ngozi", "Emeka", "Adaeze", "Tunde", "Folake", "Kwame", "Ama", "Kofi", "Abena",
            "Wei", "Li", "Jun", "Mei", "Hiroshi", "Yuki", "Haruto", "Sakura", "Min-jun", "Seo-yeon",
            "Arjun", "Priya", "Rohan", "Ananya", "Vikram", "Deepika", "Rahul", "Sneha", "Aditya", "Kavya",
            "Mateo", "Sofia", "Santiago", "Valentina", "Diego", "Camila", "Javier", "Lucia", "Carlos", "Elena",
            "Luca", "Giulia", "Marco", "Chiara", "Pierre", "Camille", "Louis", "Chloe", "Hugo", "Manon",
            "Lukas", "Anna", "Jonas", "Lea", "Felix", "Hannah", "Olga", "Dmitri", "Irina", "Sergei",
            "Tomasz", "Agnieszka", "Lars", "Ingrid", "Sven", "Astrid", "Declan", "Siobhan", "Connor", "Niamh",
            "Alice", "Bob", "Grace", "Jack", "Ruby", "George", "Poppy", "Harry", "Isla", "Alfie");

    static final List<String> LAST_NAMES = List.of(
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
            "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
            "Okafor", "Adeyemi", "Okonkwo", "Mensah", "Boateng", "Abubakar", "Balogun", "Eze", "Nwosu", "Owusu",
            "Khan", "Ahmed", "Ali", "Hussain", "Rahman", "Patel", "Sharma", "Singh", "Gupta", "Iyer",
            "Wang", "Zhang", "Chen", "Liu", "Yang", "Tanaka", "Suzuki", "Sato", "Kim", "Park",
            "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Dubois", "Moreau", "Laurent", "Lefebvre", "Fontaine",
            "Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Novak", "Kowalski", "Nowak", "Ivanov", "Petrov",
            "Johansson", "Andersson", "Nilsen", "Hansen", "Murphy", "Kelly", "O'Brien", "Walsh", "Byrne", "Ryan",
            "Liddell", "Stone", "Fletcher", "Hughes", "Clarke", "Wright", "Walker", "Hall", "Young", "King",
            "Silva", "Santos", "Oliveira", "Pereira", "Costa", "Fernandes", "Almeida", "Ribeiro", "Carvalho", "Gomes");

    static final List<String> EMAIL_DOMAINS = List.of(
            "gmail.com", "gmail.com", "gmail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com",
            "proton.me", "live.co.uk", "web.de", "orange.fr", "btinternet.com", "acme-corp.com", "northwind.io");

    /** Country calling codes with the mobile prefixes numbers start with. */
    static final String[][] PHONE_PLANS = {
            {"44", "7700", "7400", "7911", "7520"}, // UK
            {"1", "415", "212", "312", "646", "917"}, // US
            {"234", "803", "806", "813", "905"}, // Nigeria
            {"91", "98", "99", "97", "88"}, // India
            {"49", "151", "160", "172", "176"}, // Germany
            {"33", "6", "7"}, // France
            {"55", "11", "21", "31"}, // Brazil
            {"971", "50", "55", "56"}, // UAE
    };
    static final double[] PHONE_PLAN_WEIGHTS = {30, 20, 15, 12, 8, 6, 5, 4};

    static final List<String> PRODUCTS = List.of(
            "wireless earbuds", "smart watch", "yoga mat", "running shoes", "coffee grinder", "air fryer",
            "phone case", "laptop stand", "desk lamp", "backpack", "water bottle", "hoodie", "denim jacket",
            "sunglasses", "bluetooth speaker", "electric toothbrush", "baby monitor", "dog harness", "cat tree",
            "standing desk", "office chair", "gaming mouse", "mechanical keyboard", "USB-C charger", "power bank",
            "hair dryer", "skincare set", "perfume", "leather wallet", "silk scarf", "linen sheets",
            "memory foam pillow", "cast iron pan", "blender", "kettle", "espresso machine", "robot vacuum",
            "fitness tracker", "e-reader", "tablet");
    static final List<String> COURIERS = List.of(
            "DHL", "UPS", "FedEx", "Royal Mail", "Evri", "DPD", "USPS", "GLS", "Aramex", "La Poste");
    static final List<String> CITIES = List.of(
            "London", "Manchester", "Lagos", "Berlin", "Paris", "Madrid", "Toronto", "Chicago", "Dubai", "Mumbai",
            "Sao Paulo", "Sydney", "Leeds", "Abuja", "Hamburg", "Lyon", "Nairobi", "Accra", "Dublin", "Glasgow");
    static final List<String> COLORS = List.of("black", "white", "navy", "olive", "sand", "red", "pink", "grey");
    static final List<String> DAYS = List.of(
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "tomorrow", "the end of the week");
    static final List<String> TIMES = List.of("9am", "10:30", "noon", "2pm", "3:15pm", "4pm", "5:30pm");

    static final String[] TOPICS = {"shipping", "returns", "product", "account", "billing", "booking", "technical"};
    static final double[] TOPIC_WEIGHTS = {30, 20, 15, 10, 12, 5, 8};

    static final String[][] TOPIC_SUBJECTS = {
            {"Where is my order {order}?", "Order {order} not delivered", "Delivery delay"},
            {"Return request for order {order}", "Refund not received", "Damaged item"},
            {"Question about the {product}", "Is the {product} in stock?"},
            {"Cannot log in", "Account access", "Change my email address"},
            {"Double charge on my card", "Invoice request", "Cancel subscription"},
            {"Appointment on {day}", "Reschedule my booking"},
            {"{product} not working", "App crashes at checkout"},
    };

    static final String[][] CUSTOMER_OPENERS = {
            { // shipping
                    "Hi, my order {order} still hasn't arrived.",
                    "Hello, I ordered the {product} {n} days ago and it's not here yet.",
                    "The tracking for order {order} says it's stuck in {city}. What's going on?",
                    "Can you tell me when my package will be delivered? Order {order}.",
                    "The {courier} driver says nobody was home but I was in all day!",
                    "My parcel shows as delivered but I never got it. Order number {order}.",
            },
            { // returns
                    "I'd like to return the {product}, it doesn't fit.",
                    "How long does a refund take? I sent the {product} back last week.",
                    "I was charged twice for order {order}, please refund one of the payments.",
                    "The {product} arrived damaged, the box was completely crushed.",
                    "I received the wrong colour, I ordered {color} and got something else.",
                    "Still waiting for my refund for order {order}.",
            },
            { // product
                    "Does the {product} come in {color}?",
                    "Is the {product} compatible with iPhone and Android?",
                    "Is the {product} back in stock? I've been waiting for weeks.",
                    "What's the difference between the two {product} models on your site?",
                    "Do you offer gift wrapping for the {product}?",
            },
            { // account
                    "I can't log in to my account, it says my password is wrong.",
                    "I never received the verification code by SMS.",
                    "Please delete my account and all my personal data.",
                    "How do I change the email address on my account?",
                    "My account got locked after too many attempts.",
            },
            { // billing
                    "Why was I charged {amount} this month?",
                    "I want to cancel my subscription before the next renewal.",
                    "Can I get a VAT invoice for my company for order {order}?",
                    "My card was declined at checkout but I have enough funds.",
                    "Do you accept PayPal or Apple Pay?",
            },
            { // booking
                    "Can I book an appointment for {day} at {time}?",
                    "I need to reschedule my booking, something came up.",
                    "Is there availability this {day}?",
                    "Please cancel my appointment for {day}.",
            },
            { // technical
                    "The app keeps crashing when I open the checkout page.",
                    "The {product} won't turn on after charging overnight.",
                    "Bluetooth pairing fails with error code E{n}.",
                    "The website shows a blank page after I click pay.",
                    "The {product} battery drains in two hours, is that normal?",
            },
    };

    static final String[] CUSTOMER_FOLLOW_UPS = {
            "Any update on this?", "Thanks!", "Thank you so much, that's really helpful.", "ok", "Okay, thanks.",
            "Perfect, thank you.", "Great 👍", "Still waiting for a reply...", "Hello?", "That works for me.",
            "Can you check again please?", "I've attached a photo.", "Sure, my order number is {order}.",
            "My email is the one on the account.", "That's not what I was told last time.",
            "How much longer will it take?", "Could you call me instead?", "Brilliant, cheers!",
            "It still hasn't arrived and I need it by {day}.", "I'd prefer a refund rather than a replacement.",
            "Yes please go ahead.", "No, that's everything. Thanks for your help!",
    };

    static final String[][] AGENT_REPLIES = {
            { // shipping
                    "Thanks for reaching out! Let me check the status of order {order} for you.",
                    "I can see your parcel is with {courier} and should arrive by {day}.",
                    "I've raised a trace with {courier} and will update you within 24 hours.",
                    "Sorry for the delay, our warehouse is catching up after the holiday rush.",
                    "I've arranged a free replacement for order {order}; it ships today with express delivery.",
            },
            { // returns
                    "I've issued a full refund of {amount} to your original payment method.",
                    "Please send us a photo of the damaged {product} so we can send a replacement.",
                    "Refunds usually take 5-7 business days to appear on your statement.",
                    "Here is your prepaid return label; drop the parcel at any {courier} point.",
                    "I'm sorry about the mix-up, the right colour is on its way.",
            },
            { // product
                    "Yes, the {product} is available in {color} and ships within 2 days.",
                    "It works with both iOS and Android.",
                    "We expect new stock of the {product} on {day}; I can notify you when it lands.",
                    "Gift wrapping is available at checkout for a small fee.",
            },
            { // account
                    "I've sent a password reset link to your email address.",
                    "For security, can you confirm the last four digits of your phone number?",
                    "Your account has been unlocked, you can log in again now.",
                    "I've updated the email address on your account.",
                    "Your deletion request is confirmed; your data will be removed within 30 days.",
            },
            { // billing
                    "Your subscription has been cancelled and you won't be charged again.",
                    "I've attached the invoice for order {order}.",
                    "The charge of {amount} is for the annual plan renewal.",
                    "I've refunded the duplicate payment of {amount}.",
                    "We accept cards, PayPal and Apple Pay.",
            },
            { // booking
                    "You're booked for {day} at {time}. See you then!",
                    "No problem, I've moved your appointment to {day} at {time}.",
                    "Your appointment has been cancelled. Hope to see you soon.",
            },
            { // technical
                    "Could you try resetting it by holding the power button for 10 seconds?",
                    "Our engineers are aware of the issue and a fix is coming in the next app update.",
                    "Please update the app to the latest version and try the checkout again.",
                    "That battery life isn't normal; I'll send you a replacement {product}.",
            },
    };

    static final String[] AGENT_GENERIC = {
            "Hi {first}, thanks for contacting us!", "Is there anything else I can help you with?",
            "Have a great day!", "I'm happy to help.", "Thank you for your patience.",
            "Let me look into this for you.", "I'll keep this conversation open until it's sorted.",
            "Just checking in: did that solve the problem?", "Sorry for the trouble, {first}.",
    };

    static final String BOT_AUTO_REPLY =
            "Thanks for your message! An agent will reply shortly. Our hours are 8am-8pm, Monday to Saturday.";

    /**
     * Rare sentences: each carries a word (first element) that appears in only a handful of messages,
     * what a search for a specific complaint looks like.
     */
    static final String[][] RARE = {
            {"chargeback", "I'm going to file a chargeback with my bank if this isn't fixed."},
            {"counterfeit", "This looks counterfeit, the logo is misaligned."},
            {"solicitor", "My solicitor will be in touch about this."},
            {"allergic", "My daughter is allergic to latex, does the {product} contain any?"},
            {"monogram", "Can you add a monogram to the leather wallet?"},
            {"greenhouse", "The courier left the parcel in my neighbour's greenhouse."},
            {"svalbard", "Do you ship to Svalbard?"},
            {"seagull", "The hinge squeaks like a seagull."},
            {"ombudsman", "I will escalate this to the ombudsman."},
            {"quarantine", "Customs held the parcel in quarantine for a week."},
    };

    static final String[] LABELS = {
            "VIP", "Urgent", "Billing", "Refund", "Shipping", "Bug", "Feature request", "Complaint",
            "Returns", "Sales lead", "Wholesale", "Warranty", "Damaged", "Lost parcel", "Account", "Subscription",
            "Follow up", "Escalated", "Feedback", "Spam", "Partnership", "Press", "Influencer", "Repeat customer",
            "Churn risk", "Upsell", "Onboarding", "Technical", "Payment failed", "Address change"};
    static final String[] LABEL_COLORS = {
            "#FFD700", "#FF0000", "#2563EB", "#16A34A", "#9333EA", "#DC2626", "#0EA5E9", "#F97316",
            "#6B7280", "#84CC16", "#14B8A6", "#A855F7"};

    static final String[] TEAM_NAMES = {"Support", "Sales", "Billing", "Technical", "Returns", "VIP Desk"};

    static String pick(SplittableRandom random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Zipf-like: index 0 most often, the tail rarely (exponent 1). */
    static <T> T zipf(SplittableRandom random, List<T> values) {
        return values.get(zipfIndex(random, values.size(), 1.0));
    }

    static int zipfIndex(SplittableRandom random, int n, double s) {
        // Inverse-CDF on a continuous approximation: good enough for word frequencies.
        double u = random.nextDouble();
        if (s == 1.0) {
            return Math.min(n - 1, (int) Math.floor(Math.pow(n + 1, u)) - 1);
        }
        double a = 1 - s;
        double x = Math.pow(u * (Math.pow(n + 1, a) - 1) + 1, 1 / a) - 1;
        return Math.min(n - 1, Math.max(0, (int) x));
    }

    static int weighted(SplittableRandom random, double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Fills {order}, {product}, {first}, ... slots. */
    static String fill(SplittableRandom random, String template, String firstName) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 24);
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if (ch == '{') {
                int end = template.indexOf('}', i);
                String slot = template.substring(i + 1, end);
                out.append(switch (slot) {
                    case "order" -> "#" + (100_000 + random.nextInt(900_000));
                    case "product" -> zipf(random, PRODUCTS);
                    case "courier" -> zipf(random, COURIERS);
                    case "city" -> zipf(random, CITIES);
                    case "color" -> pick(random, COLORS);
                    case "day" -> pick(random, DAYS);
                    case "time" -> pick(random, TIMES);
                    case "amount" -> String.format(java.util.Locale.ROOT, "£%d.%02d", 5 + random.nextInt(300),
                            random.nextInt(100));
                    case "n" -> Integer.toString(2 + random.nextInt(40));
                    case "first" -> firstName;
                    default -> slot;
                });
                i = end + 1;
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }
}
