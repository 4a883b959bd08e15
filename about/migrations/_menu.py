"""The main menu of a Vietnamese portal (Nghị định 43/2011's sections, still what residents
know): (Vietnamese label, English label, target). Read by the seeding migration and the demo."""

MENU = [
    ("Giới thiệu", "Introduction", "about:index"),
    ("Tin tức", "News", "news"),
    ("Văn bản", "Documents", "documents:list"),
    ("Lịch công tác", "Work schedule", "schedule:this_week"),
    ("Thủ tục hành chính", "Administrative procedures", "about:procedures"),
    ("Công khai", "Public disclosures", "documents:disclosures"),
    ("Hỏi đáp", "Questions and answers", "participation:questions"),
    ("Liên hệ", "Contact", "about:contacts"),
]
