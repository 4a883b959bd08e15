from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import image_upload, make_staff

pytestmark = pytest.mark.django_db

URL = "/ckeditor/upload/"
SAME_ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff())
    return client


def test_editor_upload_accepts_a_real_image_under_a_generated_name(staff_client, settings):
    response = staff_client.post(
        URL, {"upload": image_upload("Ảnh hội nghị.png", fmt="PNG")}, **SAME_ORIGIN
    )
    data = response.json()
    assert response.status_code == 200, data
    assert data["uploaded"] == "1"
    assert data["url"].endswith(".png")
    assert "hoi-nghi" not in data["url"] and "Ảnh" not in data["url"]


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("x.jpg", b"", content_type="image/jpeg"),
        SimpleUploadedFile("x.jpg", b"<html><script>alert(1)</script>", content_type="image/jpeg"),
        SimpleUploadedFile(
            "x.jpg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', content_type="image/jpeg"
        ),
    ],
    ids=["empty", "html", "svg"],
)
def test_editor_upload_refuses_what_is_not_an_image(staff_client, settings, upload):
    response = staff_client.post(URL, {"upload": upload}, **SAME_ORIGIN)
    assert response.status_code == 400
    assert response.json()["uploaded"] == 0
    assert not (settings.MEDIA_ROOT / "editor").exists()


def test_editor_upload_refuses_other_origins(staff_client):
    response = staff_client.post(
        URL, {"upload": image_upload()}, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403


def test_editor_upload_needs_staff(client):
    response = client.post(URL, {"upload": image_upload()}, **SAME_ORIGIN)
    assert response.status_code == 302


@pytest.mark.parametrize("func_num", ["1);alert(1);//", "1<script>", "²", "1" * 11, "0x1", " 1"])
def test_an_editor_callback_number_that_is_not_a_number_is_refused(
    staff_client, settings, func_num
):
    response = staff_client.post(
        f"{URL}?CKEditorFuncNum={quote(func_num)}", {"upload": image_upload()}, **SAME_ORIGIN
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "CKEditorFuncNum" in response.json()["error"]["message"]
    assert "<script" not in response.content.decode()
    assert not (settings.MEDIA_ROOT / "editor").exists()


def test_an_editor_callback_number_gets_its_script_answer(staff_client):
    response = staff_client.post(
        f"{URL}?CKEditorFuncNum=12", {"upload": image_upload()}, **SAME_ORIGIN
    )
    assert response.status_code == 200
    assert "window.parent.CKEDITOR.tools.callFunction(12, '/media/editor/" in (
        response.content.decode()
    )
