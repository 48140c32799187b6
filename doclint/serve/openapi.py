"""The OpenAPI 3.1 description of the API, served at ``/api/v1/openapi.json``."""

from __future__ import annotations

from typing import Any

from doclint import __version__
from doclint.serve.messages import megabytes


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def document(settings: Any) -> dict[str, Any]:
    limits = (
        f"Limits: {megabytes(settings.max_file_bytes)} MB per file, {settings.max_files} files and "
        f"{megabytes(settings.max_request_bytes)} MB per request, {settings.queue_limit()} documents in flight."
    )
    check_form = {
        "type": "object",
        "required": ["files"],
        "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                      "description": "One or more documents (.docx, .pdf, .doc, .txt); the type is sniffed from the content."},
            "select": {"type": "string", "description": "Only these rule codes or prefixes, comma-separated (HDR,NUM003)."},
            "ignore": {"type": "string", "description": "Skip these rule codes or prefixes, comma-separated."},
            "stage": {"type": "string", "enum": ["draft", "final", "issued"],
                      "description": "draft (dự thảo), final (trình ký), issued (đã phát hành; checked as final until this version has it)."},
            "lang": {"type": "string", "enum": ["vi", "en"], "description": "Language of the messages (default vi)."},
        },
    }  # fmt: skip
    busy = {
        "description": "Too much work in flight; retry after the seconds in Retry-After.",
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "doclint",
            "version": __version__,
            "description": "Checks Vietnamese administrative documents against Decree 30/2020/NĐ-CP. " + limits
            + " With --token, every /api/v1 path except this document needs 'Authorization: Bearer <token>'.",
        },
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "object", "required": ["status", "code", "message"], "properties": {
                        "status": {"type": "integer"}, "code": {"type": "string"}, "message": {"type": "string"}}}},
                },
                "Location": {"type": "object", "properties": {k: {"type": "integer"} for k in
                             ("block", "start", "end", "page", "related_block")} | {"component": {"type": "string"}}},
                "Finding": {
                    "type": "object",
                    "required": ["code", "name", "severity", "message", "basis", "location"],
                    "properties": {
                        "code": {"type": "string"}, "name": {"type": "string"},
                        "severity": {"type": "string", "enum": ["error", "warning", "info"]},
                        "message": {"type": "string"}, "basis": {"type": "string"},
                        "location": {"$ref": "#/components/schemas/Location"},
                        "excerpt": {"type": ["string", "null"]}, "suggestion": {"type": ["string", "null"]},
                    },
                },
                "FileResult": {
                    "type": "object",
                    "required": ["path", "format", "family", "doc_type", "stage", "error", "findings"],
                    "properties": {
                        "path": {"type": "string", "description": "The uploaded file's name (with the sniffed extension)."},
                        "format": {"type": ["string", "null"]}, "family": {"type": ["string", "null"]},
                        "doc_type": {"type": ["string", "null"]}, "stage": {"type": "string"},
                        "error": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["code", "message"],
                                  "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}]},
                        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                    },
                },
                "Report": {
                    "type": "object",
                    "description": "The schema-v1 JSON of `doclint check --format json`.",
                    "required": ["schema", "tool", "files", "summary"],
                    "properties": {
                        "schema": {"const": 1},
                        "tool": {"type": "object", "required": ["name", "version"],
                                 "properties": {"name": {"const": "doclint"}, "version": {"type": "string"}}},
                        "files": {"type": "array", "items": {"$ref": "#/components/schemas/FileResult"}},
                        "summary": {"type": "object", "required": ["files", "unreadable", "error", "warning", "info"],
                                    "properties": {k: {"type": "integer"} for k in
                                                   ("files", "unreadable", "error", "warning", "info")}},
                    },
                },
                "Rule": {"type": "object", "required": ["code", "name", "family", "severity", "title", "basis"],
                         "properties": {k: {"type": "string"} for k in ("code", "name", "family", "severity", "title", "basis")}},
            },
        },
        "security": [{"bearer": []}, {}],
        "paths": {
            "/api/v1/check": {"post": {
                "summary": "Check documents",
                "parameters": [
                    {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "html", "csv", "xlsx", "sarif", "jsonl", "text"],
                     "default": "json"}, "description": "json: the report below; any other: a download (Content-Disposition)."},
                    {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["vi", "en"]}},
                ],
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": check_form}}},
                "responses": {
                    "200": {"description": "One entry per file, in the order sent.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
                    "400": _error("Malformed request or option."), "401": _error("Token required."),
                    "413": _error("Over a limit: file size, request size, number of files, or a zip bomb."),
                    "415": _error("A file is not a document doclint reads (type sniffed from the content)."),
                    "429": busy,
                },
            }},
            "/api/v1/annotate": {"post": {
                "summary": "One DOCX back with a Word comment on each finding",
                "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": check_form}}},
                "responses": {"200": {"description": "The commented copy.", "content": {
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {}}},
                    "413": _error("Over a limit."), "415": _error("Not a DOCX."), "429": busy},
            }},
            "/api/v1/rules": {"get": {"summary": "Every rule", "parameters": [
                {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["vi", "en"]}}],
                "responses": {"200": {"description": "Rules", "content": {"application/json": {"schema": {
                    "type": "array", "items": {"$ref": "#/components/schemas/Rule"}}}}}}}},
            "/api/v1/rules/{code}": {"get": {"summary": "One rule explained (the page of `doclint explain`)",
                "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}},
                               {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["vi", "en"]}}],
                "responses": {"200": {"description": "The rule", "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/Rule"}}}}, "404": _error("No such rule.")}}},
            "/healthz": {"get": {"summary": "Liveness and load", "security": [{}],
                                 "responses": {"200": {"description": "ok"}}}},
        },
    }  # fmt: skip
