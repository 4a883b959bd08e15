from django.db import migrations


def fill_search_documents(apps, schema_editor):
    """Articles written before search: their stored documents and vectors.

    The suggestion words are filled by `manage.py rebuild_search_index`.
    """
    from chaudoc.search.engine import LANGUAGES, document_fields, refresh_vectors
    from news.search import articles

    Article = apps.get_model("news", "Article")
    rows = list(Article.objects.using(schema_editor.connection.alias).all())
    for article in rows:
        for lang in LANGUAGES:
            setattr(article, f"search_text_{lang}", articles.document(article, lang))
    Article.objects.using(schema_editor.connection.alias).bulk_update(
        rows, document_fields(), batch_size=500
    )
    refresh_vectors(Article.objects.using(schema_editor.connection.alias).all())



class Migration(migrations.Migration):

    dependencies = [
        ("news", "0003_search_slugs_views"),
    ]

    operations = [
        migrations.RunPython(fill_search_documents, migrations.RunPython.noop),
    ]
