"""Official documents generated from data (issue 6): one layout, two renderers.

``layout`` describes a document of the administrative format of Nghị định 30/2020/NĐ-CP (DOMAIN.md §9) as plain data;
``docx.render_docx`` and ``pdf.render_pdf`` print it (Word with Times New Roman named, PDF with Liberation Serif
embedded: ``fonts``); ``vn`` writes dates and money as Vietnamese documents do; ``qr`` makes the verification QR;
``http.document_response`` sends one as a download. The builders live with their data: ``thidua.dossiers.documents``
(tờ trình, biên bản kiểm phiếu, báo cáo thành tích) and ``thidua.decisions.documents`` (quyết định, giấy xác nhận).

The words of a document are Vietnamese whatever the language of the user's pages (official documents are in
Vietnamese: they are not gettext msgids, and the builders run under ``wording.in_vietnamese``); the messages around
them (errors, the missing-font message) are msgids like the rest of the app.
"""
