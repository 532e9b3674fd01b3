//! Following a query's `continue` to the end, as a stream of typed items.

use futures_core::Stream;
use futures_util::StreamExt;
use serde_json::{Map, Value};
use std::collections::VecDeque;

use crate::__private::Params;
use crate::client::{decode, Client};
use crate::error::{DecodeError, Error};
use crate::exec::{Call, Tally};
use crate::request::{ErrorCode, Request};

type Item<R> = <<R as Request>::Response as IntoIterator>::Item;
type Page<R> = Result<Vec<Item<R>>, Error<<R as Request>::ErrorCode>>;

/// Where a stream stands.
struct Pages<R: Request> {
    client: Client,
    /// The request, until it is encoded.
    request: Option<R>,
    /// Parts still to follow: the one under way first, then those of a split request not
    /// started yet.
    queue: VecDeque<Part>,
    /// The error that ends the stream once the page in hand has been yielded.
    stuck: Option<Error<R::ErrorCode>>,
    done: bool,
}

/// One part of a request (a split request has several), followed page by page.
struct Part {
    /// The part as encoded. MediaWiki's rule is that each next page is asked for with the
    /// original request and exactly the latest `continue` object: keys of an older one may
    /// belong to a module that is done, and sent again they take it back to where it was.
    base: Params,
    /// The `continue` object of the page before; none for the first page.
    after: Option<Map<String, Value>>,
}

impl Part {
    fn first(base: Params) -> Part {
        Part { base, after: None }
    }

    /// The request for this page: the base, with the latest `continue` values set over it.
    fn params(&self) -> Params {
        let mut params = self.base.clone();
        for (key, value) in self.after.iter().flatten() {
            match value {
                Value::String(text) => params.set(key, text),
                other => params.set(key, &other.to_string()),
            }
        }
        params
    }
}

/// The items of every page of `request`.
pub(crate) fn pages<R>(
    client: Client,
    request: R,
) -> impl Stream<Item = Result<Item<R>, Error<R::ErrorCode>>> + Send + 'static
where
    R: Request + Send + Sync + 'static,
    R::Response: IntoIterator,
    Item<R>: Send,
{
    let start = Pages {
        client,
        request: Some(request),
        queue: VecDeque::new(),
        stuck: None,
        done: false,
    };
    futures_util::stream::unfold(start, |mut pages| async move {
        let page = pages.next_page().await?;
        Some((page, pages))
    })
    .flat_map(|page: Page<R>| {
        let items: Vec<_> = match page {
            Ok(items) => items.into_iter().map(Ok).collect(),
            Err(error) => vec![Err(error)],
        };
        futures_util::stream::iter(items)
    })
}

impl<R> Pages<R>
where
    R: Request,
    R::Response: IntoIterator,
{
    async fn next_page(&mut self) -> Option<Page<R>> {
        if self.done {
            return None;
        }
        if let Some(error) = self.stuck.take() {
            return Some(self.fail(error));
        }
        if let Some(request) = self.request.take() {
            match self.client.encode(&request).await {
                Ok(params) => self
                    .queue
                    .extend(params.parts().into_iter().map(Part::first)),
                Err(error) => return Some(self.fail(error)),
            }
        }
        let part = self.queue.pop_front()?;

        let answer = match fetch::<R>(&self.client, &part.params()).await {
            Ok(answer) => answer,
            Err(error) => return Some(self.fail(error.recode())),
        };
        match continued::<R>(part, &answer) {
            Ok(Some(next)) => self.queue.push_front(next),
            Ok(None) => {}
            // This page answered a request not sent before, so its items are yielded first.
            Err(error) => self.stuck = Some(error),
        }
        match decode::<R>(answer) {
            Ok(response) => Some(Ok(response.into_iter().collect())),
            Err(error) => Some(self.fail(error)),
        }
    }

    fn fail(&mut self, error: Error<R::ErrorCode>) -> Page<R> {
        self.done = true;
        Err(error)
    }
}

/// Sends one page. A page of a module that writes waits for a write permit, as
/// [`Client::send`] does: a stream must not get around the client's limit on writes in flight.
async fn fetch<R: Request>(client: &Client, params: &Params) -> Result<Value, Error> {
    let _write = client.write_permit::<R>().await;
    let call = Call::of::<R>();
    client.execute(&call, params, &mut Tally::default()).await
}

/// The part's next page, when the answer says there is one.
///
/// A `continue` equal to the one the page was asked for with would ask for the same page
/// again, and again: a server that makes no progress would be flooded with one request after
/// another. That is an error, which ends the stream.
// Not yet handled: a server going round a cycle of two or more `continue` objects.
fn continued<R: Request>(part: Part, answer: &Value) -> Result<Option<Part>, Error<R::ErrorCode>> {
    let Some(values) = answer.get("continue").and_then(Value::as_object) else {
        return Ok(None);
    };
    if part.after.as_ref() == Some(values) {
        return Err(repeated(R::PATH, values));
    }
    Ok(Some(Part {
        base: part.base,
        after: Some(values.clone()),
    }))
}

fn repeated<C: ErrorCode>(module: &str, values: &Map<String, Value>) -> Error<C> {
    Error::Decode {
        module: module.to_owned(),
        source: DecodeError {
            path: "continue".to_owned(),
            message: format!(
                "the wiki answered the continue this page was asked for with ({}): \
                 following it would ask for the same page forever",
                Value::Object(values.clone())
            ),
        },
    }
}
