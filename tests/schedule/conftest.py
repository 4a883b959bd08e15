from tests.news.conftest import (  # noqa: F401 (the roles of the matrix, as for articles)
    administrator,
    editor_a,
    editor_b,
    moderator,
    ward_a,
    ward_b,
)
