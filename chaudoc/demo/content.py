"""The portal's own demo content: the wards of the seed's time. Each app brings its own
(news/demo.py, gallery/demo.py, weather/demo.py); load_demo collects them."""

# (kind, name): the seven units of Châu Đốc at the seed's time (before the 2025 reorganisation).
WARDS = [
    ("phuong", "Châu Phú A"),
    ("phuong", "Châu Phú B"),
    ("phuong", "Núi Sam"),
    ("phuong", "Vĩnh Mỹ"),
    ("phuong", "Vĩnh Ngươn"),
    ("xa", "Vĩnh Châu"),
    ("xa", "Vĩnh Tế"),
]
