import contextlib
import contextvars
import io
import logging
import posixpath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.crypto import get_random_string

from media.renditions import FocalPoint, draw_renditions, open_for_renditions, site_specs
from media.uploads import UnreadableUpload, clean_original
from media.validators import FRACTION_VALIDATORS, focal_point_errors, validate_image_upload

logger = logging.getLogger(__name__)


SAVE_MODE_ARGUMENTS = {"force_insert", "force_update", "update_fields"}
# Written only where renditions are drawn (see save()).
WRITTEN_WITH_RENDITIONS = {"rendition_index", "crops_focal_point"}


def image_upload_path(instance, filename):
    # Files are stored under a date folder with a name we choose, never the uploader's; the
    # extension is the one of the format Pillow found in the content (see Image.store_upload).
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"images/{timezone.now():%Y/%m}/{get_random_string(16).lower()}.{extension}"


class Image(models.Model):
    """A picture with the words that must travel with it: alt text, caption and credit.

    Saving a new or replaced file stores a clean copy of it (upright, no camera metadata) and
    every rendition the site shows; files it replaces are deleted once the save has committed.
    """

    file = models.ImageField(
        upload_to=image_upload_path,
        width_field="width",
        height_field="height",
        validators=[validate_image_upload],
    )
    alt_text = models.CharField(
        max_length=300,
        help_text="Describes the picture for readers who cannot see it.",
    )
    caption = models.TextField(blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text='e.g. "Gavriil Grigorov / POOL / AFP"'
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    # The focal point, as fractions of the (upright) picture: the size of the original does not
    # matter, and a replaced file of another size keeps a point that still means something.
    # The optional rectangle is centred on the point; every crop keeps it when it fits.
    focal_x = models.FloatField(
        "focal point across",
        null=True,
        blank=True,
        validators=FRACTION_VALIDATORS,
        help_text="0 is the left edge, 1 the right edge.",
    )
    focal_y = models.FloatField(
        "focal point down",
        null=True,
        blank=True,
        validators=FRACTION_VALIDATORS,
        help_text="0 is the top edge, 1 the bottom edge.",
    )
    focal_width = models.FloatField(
        "focal area width",
        null=True,
        blank=True,
        validators=FRACTION_VALIDATORS,
        help_text="Optional: the part of the picture's width around the point to keep.",
    )
    focal_height = models.FloatField(
        "focal area height",
        null=True,
        blank=True,
        validators=FRACTION_VALIDATORS,
        help_text="Optional: the part of the picture's height around the point to keep.",
    )
    # The focal point (as focal_point_key()) the stored crops were drawn for: the redraw task
    # compares it to tell work already done from work still to do.
    crops_focal_point = models.JSONField(null=True, blank=True, editable=False, default=None)
    # Every stored rendition, "spec.format": [file name, width, height], kept in step with the
    # Rendition rows (see refresh_rendition_index): a page finds them in the image's own row.
    # None for an image not indexed yet; pages then read the rows.
    rendition_index = models.JSONField(null=True, blank=True, editable=False, default=None)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="uploaded_images",
        editable=False,
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self):
        return self.alt_text[:80]

    def save(self, *args, **kwargs):
        saved_name = self._stored_file_name()
        only_changed_fields = (
            not self._state.adding and not args and not kwargs.keys() & SAVE_MODE_ARGUMENTS
        )
        try:
            with transaction.atomic():
                if self.has_new_upload():
                    self.store_upload()
                file_changed = bool(self.file) and self.file.name != saved_name
                if file_changed:
                    # Drawn for this point just now (store_upload) or below.
                    self.crops_focal_point = self.focal_point_key()
                if only_changed_fields:
                    kwargs["update_fields"] = self._fields_to_save(file_changed)
                super().save(*args, **kwargs)
                if file_changed:
                    self._replace_renditions()
        except BaseException:
            self.discard_stored_upload()
            raise
        if file_changed and saved_name:
            delete_file_on_commit(self.file.storage, saved_name)
        self._saved_file_name = self.file.name
        # Committed: a later failed save of this object must not delete these files.
        self._stored_upload = []
        self.__dict__.pop("_pending_renditions", None)

    def _fields_to_save(self, file_changed):
        # The index and the crops' focal point are written where renditions are drawn: an edit
        # of the words from a copy loaded earlier must not put back the values of that moment.
        kept = WRITTEN_WITH_RENDITIONS - ({"crops_focal_point"} if file_changed else set())
        deferred = self.get_deferred_fields()
        return [
            field.name
            for field in self._meta.concrete_fields
            if not field.primary_key and field.name not in kept and field.attname not in deferred
        ]

    def _stored_file_name(self):
        if self._state.adding:
            return None
        if "_saved_file_name" not in self.__dict__:
            # Loaded without its file (only(), defer()): ask, rather than guess it changed.
            stored = type(self)._base_manager.filter(pk=self.pk).values_list("file", flat=True)
            self._saved_file_name = stored.first()
        return self._saved_file_name

    @classmethod
    def from_db(cls, db, field_names, values):
        image = super().from_db(db, field_names, values)
        if "file" in field_names:
            image._saved_file_name = image.file.name
        return image

    def clean(self):
        super().clean()
        errors = focal_point_errors(self.focal_x, self.focal_y, self.focal_width, self.focal_height)
        if errors:
            raise ValidationError(errors)

    @property
    def caption_with_credit(self):
        return caption_with_credit(self.caption, self.credit)

    @property
    def focal_point(self):
        """The FocalPoint every crop keeps in frame, or None for the centre."""
        if self.focal_x is None or self.focal_y is None:
            return None
        return FocalPoint(self.focal_x, self.focal_y, self.focal_width, self.focal_height)

    def focal_point_key(self):
        """The focal point as a task argument and a stored value: a JSON list, or None."""
        point = self.focal_point
        return None if point is None else [point.x, point.y, point.width, point.height]

    def has_new_upload(self):
        return bool(self.file) and not self.file._committed

    def store_upload(self):
        """Write the clean original and its renditions to storage, before any row is saved.

        Decodes the upload once for all of it. When storage fails (full, unwritable) this
        raises OSError having removed what it wrote, and the image keeps its upload, unsaved;
        a picture Pillow cannot decode raises UnreadableUpload and nothing is written.
        The form calls it while validating, so such a failure is a form error; save() calls
        it for everyone else.
        """
        upload = self.file.file
        clean = clean_original(upload)
        self.width, self.height = clean.size
        specs = site_specs(self)
        try:
            if clean.picture is None:
                picture, full_size = open_for_renditions(io.BytesIO(clean.content), specs)
            else:
                picture, full_size = clean.picture, None
            drawn = list(draw_renditions(picture, specs, full_size, self.focal_point))
        except Exception as error:  # Pillow decodes it here for the first time (see uploads)
            raise UnreadableUpload(str(error)) from error
        self._stored_upload = []
        self._pending_renditions = []
        try:
            save_to_storage(self, "file", f"upload.{clean.extension}", clean.content)
            self._stored_upload.append((self.file.storage, self.file.name))
            # Known already; saving the file would have Django read them back from storage.
            self.width, self.height = clean.size
            for spec, image_format, content, (width, height) in drawn:
                rendition = Rendition(
                    image=self, spec=spec.name, format=image_format, width=width, height=height
                )
                save_to_storage(rendition, "file", rendition_file_name(spec, image_format), content)
                self._stored_upload.append((rendition.file.storage, rendition.file.name))
                self._pending_renditions.append(rendition)
        except BaseException:
            self.discard_stored_upload()
            self.file = upload
            raise

    def discard_stored_upload(self):
        """Delete what store_upload() wrote for a save that did not happen."""
        for storage, name in getattr(self, "_stored_upload", []):
            try:
                storage.delete(name)
            except OSError:
                logger.exception("Could not delete %s after a failed save", name)
        self._stored_upload = []
        self.__dict__.pop("_pending_renditions", None)

    def make_renditions(self):
        """Draw and store the renditions the site shows that this image does not have yet.

        For pictures saved before renditions were made on save, and for files put in storage
        directly. Returns how many were made. Decodes the stored original once, no finer than
        the largest missing rendition needs.
        """
        have = set(self.renditions.values_list("spec", "format"))
        missing = [(s, f) for s, f in site_specs(self) if (s.name, f) not in have]
        if not missing:
            if self.pk and self.rendition_index is None:
                refresh_rendition_index(self)
            return 0
        made = 0
        with self.file.open("rb") as handle, rendition_index_held(self):
            picture, full_size = open_for_renditions(handle, missing)
            with picture:
                for spec, image_format, content, (width, height) in draw_renditions(
                    picture, missing, full_size, self.focal_point
                ):
                    rendition = Rendition(
                        image=self, spec=spec.name, format=image_format, width=width, height=height
                    )
                    save_to_storage(
                        rendition, "file", rendition_file_name(spec, image_format), content
                    )
                    try:
                        with transaction.atomic():
                            rendition.save()
                        made += 1
                    except IntegrityError:
                        # Made meanwhile by another process: keep theirs.
                        rendition.file.storage.delete(rendition.file.name)
                    except BaseException:
                        rendition.file.storage.delete(rendition.file.name)
                        raise
        return made

    def _replace_renditions(self):
        # Renditions of the old picture must never be served for the new one; their files go
        # after commit (see delete_rendition_file).
        with rendition_index_held(self):
            self.renditions.all().delete()
            pending = self.__dict__.get("_pending_renditions")
            if pending is None:
                self.make_renditions()
                return
            for rendition in pending:
                rendition.image = self
                rendition.save()


def caption_with_credit(caption, credit):
    """The caption as newsrooms print it: the credit follows in parentheses."""
    if caption and credit:
        return f"{caption} ({credit})"
    return caption or (f"({credit})" if credit else "")


def rendition_upload_path(rendition, filename):
    # Beside the other renditions of the same original (its name is random and never reused).
    original = posixpath.splitext(posixpath.basename(rendition.image.file.name))[0]
    return f"renditions/{original}/{filename}"


def rendition_file_name(spec, image_format):
    # A random part keeps every name new: storages that overwrite (object storage) never
    # replace a file a CDN holds as immutable, or one that a committed delete is about to remove.
    return f"{spec.name}-{get_random_string(10).lower()}.{image_format}"


class Rendition(models.Model):
    """A resized (and maybe cropped) copy of an image, made when it is saved (renditions.py)."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="renditions")
    spec = models.CharField(max_length=40)
    format = models.CharField(max_length=8)
    file = models.ImageField(upload_to=rendition_upload_path)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["image", "spec", "format"], name="unique_rendition_per_spec"
            ),
        ]

    def __str__(self):
        return f"{self.image_id} {self.spec}.{self.format}"


def rendition_index_of(renditions):
    return {f"{r.spec}.{r.format}": [r.file.name, r.width, r.height] for r in renditions}


def refresh_rendition_index(image):
    """Write the index of ``image``'s stored renditions into its row (and onto ``image``)."""
    index = rendition_index_of(Rendition.objects.filter(image_id=image.pk).order_by("pk"))
    Image._base_manager.filter(pk=image.pk).update(rendition_index=index)
    image.rendition_index = index
    image.__dict__.pop("_renditions_by_key", None)


# Images whose renditions are being replaced or drawn: their index is written once, at the end.
_held_indexes = contextvars.ContextVar("held_rendition_indexes", default=())


@contextlib.contextmanager
def rendition_index_held(image):
    outer = _held_indexes.get()
    if image.pk in outer:
        yield
        return
    token = _held_indexes.set((*outer, image.pk))
    try:
        yield
    finally:
        _held_indexes.reset(token)
    refresh_rendition_index(image)


@receiver(post_save, sender=Rendition)
@receiver(post_delete, sender=Rendition)
def keep_rendition_index(sender, instance, origin=None, **kwargs):
    # Any other change to the rows (a queryset delete, a script) refreshes the index at once.
    if instance.image_id in _held_indexes.get():
        return
    if isinstance(origin, Image) or getattr(origin, "model", None) is Image:
        return  # the image itself is being deleted
    image = Image(pk=instance.image_id)
    refresh_rendition_index(image)


def save_to_storage(instance, field_name, name, content):
    """Store ``content`` for ``instance``'s file field; a failed write leaves no partial file.

    Django's FileSystemStorage keeps what it had written when the disk fills up mid-file.
    """
    field = instance._meta.get_field(field_name)
    candidate = field.generate_filename(instance, name)
    existed = field.storage.exists(candidate)
    try:
        stored = field.storage.save(candidate, ContentFile(content), max_length=field.max_length)
    except BaseException:
        with contextlib.suppress(OSError):
            if not existed and field.storage.exists(candidate):
                field.storage.delete(candidate)
        raise
    setattr(instance, field.attname, stored)
    return stored


def delete_file_on_commit(storage, name):
    """Files go only once the rows that named them are gone for good; a rollback keeps them."""

    def delete():
        storage.delete(name)

    # robust: a storage error after commit is logged; the save it follows has succeeded.
    transaction.on_commit(delete, robust=True)


# Signals, not delete(): the desk's bulk delete and cascades never call Model.delete().
@receiver(post_delete, sender=Image)
def delete_image_file(sender, instance, **kwargs):
    if instance.file:
        delete_file_on_commit(instance.file.storage, instance.file.name)


@receiver(post_delete, sender=Rendition)
def delete_rendition_file(sender, instance, **kwargs):
    if instance.file:
        delete_file_on_commit(instance.file.storage, instance.file.name)
