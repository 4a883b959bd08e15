"""Which models readers may rate: an app registers its public models (`register(Article)`);
the widget and the view look them up by label ("news.article")."""

_ratable = {}


def register(model, section=None):
    """`section(obj)`: the name of the section an object is shown in (the model's name by
    default), for the ratings report."""
    _ratable[model._meta.label_lower] = (model, section)
    return model


def model_for(label):
    entry = _ratable.get(label)
    return entry[0] if entry else None


def section_of(model, obj):
    entry = _ratable.get(model._meta.label_lower)
    if entry and entry[1] and obj is not None:
        return str(entry[1](obj))
    return str(model._meta.verbose_name_plural).capitalize()


def labels():
    return list(_ratable)
